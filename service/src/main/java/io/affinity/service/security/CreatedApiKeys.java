package io.affinity.service.security;

import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * API keys an administrator created at run time (the console's settings), beside the configured
 * ones. Only each key's SHA-256 digest is kept, with its name, scopes, who created it and when, and
 * whether it was revoked, in {@code <data-dir>/api-keys.properties} (readable by its owner only);
 * the secret is shown once, when created. A revoked key stays listed and is refused at once.
 *
 * <p>The file belongs to one service instance: instances that share a database do not share these
 * keys (a table would; it needs a migration of its own).
 */
@Singleton
public class CreatedApiKeys {
  /** The file, in the data directory. */
  public static final String FILE = "api-keys.properties";

  /** Names are short lower-case tokens, as configured keys' names are. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  /**
   * A created key.
   *
   * @param digest the SHA-256 of the secret, lower-case hex
   * @param revokedAt when it was revoked, or null while it works
   */
  public record Key(
      String name,
      Set<Scope> scopes,
      String digest,
      Instant createdAt,
      String createdBy,
      @Nullable Instant revokedAt,
      @Nullable String revokedBy) {
    /** Whether the key still opens the API. */
    public boolean active() {
      return revokedAt == null;
    }
  }

  /** A key just created: its record and its secret, which nothing keeps. */
  public record Created(Key key, String secret) {}

  private final Path file;
  private final SecureRandom random = new SecureRandom();
  private volatile Map<String, Key> byName;

  public CreatedApiKeys(@Value("${affinity.data-dir:./data}") String dataDir) {
    this.file = Path.of(dataDir).resolve(FILE);
    this.byName = read(file);
  }

  /** The keys, newest first. */
  public List<Key> all() {
    return byName.values().stream()
        .sorted(Comparator.comparing(Key::createdAt).reversed().thenComparing(Key::name))
        .toList();
  }

  /** The active key whose secret has digest {@code digest}, if any. */
  public Optional<Key> findActive(String digest) {
    for (Key k : byName.values()) {
      if (k.active() && k.digest().equals(digest)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /**
   * Creates key {@code name} with {@code scopes}; {@link InvalidInputException} for a bad or taken
   * name ({@code taken} says whether a configured key has it) or no scope.
   */
  public synchronized Created create(
      String name,
      Set<Scope> scopes,
      String createdBy,
      java.util.function.Predicate<String> taken) {
    List<io.affinity.core.error.FieldError> errors = new ArrayList<>();
    if (name == null || !NAME.matcher(name).matches()) {
      errors.add(
          new io.affinity.core.error.FieldError(
              "name", "1 to 40 characters: lower-case letters, digits and '-', not first"));
    } else if (byName.containsKey(name) || taken.test(name)) {
      errors.add(new io.affinity.core.error.FieldError("name", "'" + name + "' is taken"));
    }
    if (scopes == null || scopes.isEmpty()) {
      errors.add(new io.affinity.core.error.FieldError("scopes", "choose at least one scope"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("The key was not created", errors);
    }
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String secret = "aff_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Key key =
        new Key(
            name,
            EnumSet.copyOf(scopes),
            ApiKeys.digest(secret),
            Instant.now(),
            createdBy,
            null,
            null);
    Map<String, Key> next = new LinkedHashMap<>(byName);
    next.put(name, key);
    write(next);
    return new Created(key, secret);
  }

  /**
   * Revokes key {@code name}: from now on it is refused. {@link NotFoundException} if there is no
   * such created key; revoking a revoked key changes nothing.
   */
  public synchronized Key revoke(String name, String revokedBy) {
    Key k = byName.get(name);
    if (k == null) {
      throw new NotFoundException("API key", name);
    }
    if (!k.active()) {
      return k;
    }
    Key revoked =
        new Key(
            k.name(),
            k.scopes(),
            k.digest(),
            k.createdAt(),
            k.createdBy(),
            Instant.now(),
            revokedBy);
    Map<String, Key> next = new LinkedHashMap<>(byName);
    next.put(name, revoked);
    write(next);
    return revoked;
  }

  private void write(Map<String, Key> keys) {
    Properties p = new Properties();
    for (Key k : keys.values()) {
      String prefix = k.name() + ".";
      p.setProperty(prefix + "sha256", k.digest());
      p.setProperty(
          prefix + "scopes",
          k.scopes().stream().map(Scope::wireName).sorted().collect(Collectors.joining(",")));
      p.setProperty(prefix + "created-at", k.createdAt().toString());
      p.setProperty(prefix + "created-by", k.createdBy());
      if (k.revokedAt() != null) {
        p.setProperty(prefix + "revoked-at", k.revokedAt().toString());
        p.setProperty(prefix + "revoked-by", k.revokedBy() == null ? "" : k.revokedBy());
      }
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(FILE + ".tmp");
      try (Writer out = Files.newBufferedWriter(tmp)) {
        p.store(out, "API keys created in the console: digests only, never the secrets");
      }
      OwnerOnlyFiles.restrict(tmp);
      // A reader sees the old file or the new one, never half of one.
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the API keys in " + file, e);
    }
    byName = keys;
  }

  private static Map<String, Key> read(Path file) {
    Map<String, Key> keys = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return keys;
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the API keys in " + file, e);
    }
    for (String property : p.stringPropertyNames()) {
      if (!property.endsWith(".sha256")) {
        continue;
      }
      String name = property.substring(0, property.length() - ".sha256".length());
      Set<Scope> scopes = EnumSet.noneOf(Scope.class);
      for (String s : p.getProperty(name + ".scopes", "").split(",")) {
        if (!s.isBlank()) {
          scopes.add(Scope.valueOf(s.trim().toUpperCase(Locale.ROOT)));
        }
      }
      String revoked = p.getProperty(name + ".revoked-at");
      keys.put(
          name,
          new Key(
              name,
              scopes,
              p.getProperty(property),
              Instant.parse(p.getProperty(name + ".created-at")),
              p.getProperty(name + ".created-by", ""),
              revoked == null ? null : Instant.parse(revoked),
              p.getProperty(name + ".revoked-by")));
    }
    return keys;
  }
}
