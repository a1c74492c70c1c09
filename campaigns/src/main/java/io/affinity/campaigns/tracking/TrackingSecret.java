package io.affinity.campaigns.tracking;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that signs tracking links: {@code affinity.tracking.secret} when set, else one generated
 * once into {@code <data-dir>/tracking.secret} and read from there on every start, so that links in
 * mail already sent keep working. The key is never logged.
 */
@Factory
public class TrackingSecret {
  /** The file the generated key is kept in, under the data directory. */
  public static final String FILE = "tracking.secret";

  private static final int GENERATED_BYTES = 32;

  /** The signer of tracking tokens. */
  @Singleton
  @Bean
  TokenSigner signer(
      TrackingConfiguration config, @Value("${affinity.data-dir:./data}") String dataDir) {
    return new TokenSigner(key(config.getSecret(), Path.of(dataDir)));
  }

  /** The key: the configured secret, or the one kept in {@code dataDir}, generated if missing. */
  static byte[] key(String configured, Path dataDir) {
    if (configured != null && !configured.isBlank()) {
      if (configured.length() < 16) {
        // The message must not show the secret itself.
        throw new IllegalStateException(
            TrackingConfiguration.PREFIX + ".secret must have at least 16 characters");
      }
      return configured.getBytes(StandardCharsets.UTF_8);
    }
    Path file = dataDir.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read or create " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] key = new byte[GENERATED_BYTES];
    new SecureRandom().nextBytes(key);
    Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the data directory's own permissions protect it
      }
      Files.writeString(
          tmp, Base64.getEncoder().encodeToString(key), StandardOpenOption.TRUNCATE_EXISTING);
      // Two instances starting together: the first link wins and both read the same key.
      try {
        Files.createLink(file, tmp);
      } catch (UnsupportedOperationException e) {
        Files.move(tmp, file);
      }
    } catch (FileAlreadyExistsException e) {
      // another process created it first; use theirs
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
