package io.affinity.core.secret;

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
 * A key given in configuration, or else generated once into a file of the data directory and read
 * from there on every start, so that what it signed or hashed stays valid across restarts. Two
 * processes starting together read the same key. The key never appears in a message.
 */
public final class DataDirSecret {
  /** The shortest configured secret accepted. */
  public static final int MIN_CONFIGURED_LENGTH = 16;

  private static final int GENERATED_BYTES = 32;

  private DataDirSecret() {}

  /**
   * The key: {@code configured} when set (at least 16 characters, else {@link
   * IllegalStateException} naming {@code setting}), else the one kept in {@code dataDir/fileName},
   * generated if missing.
   */
  public static byte[] key(String configured, Path dataDir, String fileName, String setting) {
    if (configured != null && !configured.isBlank()) {
      if (configured.length() < MIN_CONFIGURED_LENGTH) {
        // The message must not show the secret itself.
        throw new IllegalStateException(
            setting + " must have at least " + MIN_CONFIGURED_LENGTH + " characters");
      }
      return configured.getBytes(StandardCharsets.UTF_8);
    }
    Path file = dataDir.resolve(fileName);
    try {
      if (!Files.exists(file)) {
        create(file, fileName);
      }
      return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read or create " + file, e);
    }
  }

  private static void create(Path file, String fileName) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] key = new byte[GENERATED_BYTES];
    new SecureRandom().nextBytes(key);
    Path tmp = Files.createTempFile(file.getParent(), fileName, ".tmp");
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
