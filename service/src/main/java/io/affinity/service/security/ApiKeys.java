package io.affinity.service.security;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured keys, looked up by their SHA-256 digest: a presented key is hashed and found in a
 * map, so no comparison leaks how much of a guess was right. A key may be configured by its digest
 * ({@code key-sha256}) rather than itself, so that the configuration holds no secret.
 */
@Singleton
public class ApiKeys {
  /** Shorter keys are refused at start-up: they could be guessed. */
  public static final int MIN_LENGTH = 16;

  private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  /** A key that matched: its name and scopes. */
  public record Holder(String name, Set<Scope> scopes) {
    /** Whether the key may call an endpoint open to {@code allowed}. */
    public boolean mayUse(Scope[] allowed) {
      if (scopes.contains(Scope.ADMIN)) {
        return true;
      }
      for (Scope s : allowed) {
        if (scopes.contains(s)) {
          return true;
        }
      }
      return false;
    }
  }

  private final Map<String, Holder> byDigest = new HashMap<>();
  private final CreatedApiKeys created;

  /** The configured keys only. */
  public ApiKeys(List<ApiKeyProperties> configured) {
    this(configured, null);
  }

  /** The configured keys and those created at run time ({@code created}, may be null). */
  @Inject
  public ApiKeys(List<ApiKeyProperties> configured, @Nullable CreatedApiKeys created) {
    this.created = created;
    for (ApiKeyProperties p : configured) {
      String digest = configuredDigest(p);
      if (p.getScopes().isEmpty()) {
        throw new ConfigurationException("API key '" + p.getName() + "' has no scopes");
      }
      Holder previous =
          byDigest.put(digest, new Holder(p.getName(), EnumSet.copyOf(p.getScopes())));
      if (previous != null) {
        throw new ConfigurationException(
            "API keys '" + previous.name() + "' and '" + p.getName() + "' are the same key");
      }
    }
    if (byDigest.isEmpty() && (created == null || created.all().isEmpty())) {
      LOG.warn(
          "No API keys configured under {}: every /api request will be refused",
          ApiKeyProperties.PREFIX);
    }
  }

  /** The holder of {@code presented}, if it is a configured key or an active created one. */
  public Optional<Holder> find(String presented) {
    String digest = digest(presented);
    Holder configured = byDigest.get(digest);
    if (configured != null || created == null) {
      return Optional.ofNullable(configured);
    }
    return created.findActive(digest).map(k -> new Holder(k.name(), k.scopes()));
  }

  /** Whether a configured key is called {@code name}. */
  public boolean isConfigured(String name) {
    return byDigest.values().stream().anyMatch(h -> h.name().equals(name));
  }

  /** The configured keys (name and scopes), by name. */
  public List<Holder> configured() {
    return byDigest.values().stream().sorted(java.util.Comparator.comparing(Holder::name)).toList();
  }

  /** The digest of key {@code p}: given as {@code key-sha256}, or computed from {@code key}. */
  private static String configuredDigest(ApiKeyProperties p) {
    String prefix = ApiKeyProperties.PREFIX + "." + p.getName();
    if (p.getKey() != null && p.getKeySha256() != null) {
      throw new ConfigurationException(
          "API key '" + p.getName() + "': give " + prefix + ".key or .key-sha256, not both");
    }
    if (p.getKeySha256() != null) {
      if (!SHA256_HEX.matcher(p.getKeySha256().trim()).matches()) {
        throw new ConfigurationException(
            prefix + ".key-sha256 must be a SHA-256 digest: 64 hexadecimal digits");
      }
      return p.getKeySha256().trim().toLowerCase(Locale.ROOT);
    }
    if (p.getKey() == null || p.getKey().length() < MIN_LENGTH) {
      throw new ConfigurationException(
          "API key '"
              + p.getName()
              + "' must be at least "
              + MIN_LENGTH
              + " characters (or give its digest as "
              + prefix
              + ".key-sha256)");
    }
    return digest(p.getKey());
  }

  /** The SHA-256 digest of {@code key} in lower-case hex, as {@code key-sha256} gives it. */
  static String digest(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
