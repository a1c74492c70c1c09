package io.affinity.service.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that hold secrets or their digests: readable and writable by their owner only. */
public final class OwnerOnlyFiles {
  private OwnerOnlyFiles() {}

  /** Makes {@code file} readable by its owner only, where the file system allows it. */
  public static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: the file keeps the default permissions.
    }
  }
}
