package io.affinity.campaigns.lift;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The few distinct names of a column read a million times (arms, segments), numbered in the order
 * first seen. Each row's value is compared as raw bytes with the names seen so far: decoding a
 * String per row (a charset lookup each in the driver) and hashing it was about a sixth of reading
 * a campaign's recipients.
 */
final class ColumnNames {
  private final List<String> names = new ArrayList<>();
  private final List<byte[]> bytes = new ArrayList<>();
  private final byte[] ifNull;

  /**
   * Names numbered from 0 in the order first seen, {@code first} first; a null value reads as
   * {@code ifNull}, or is refused where that is null (a NOT NULL column).
   */
  ColumnNames(List<String> first, String ifNull) {
    this.ifNull = ifNull == null ? null : utf8(ifNull);
    first.forEach(name -> indexOf(utf8(name)));
  }

  /** The number of the name in {@code value} (UTF-8), added if new. */
  int indexOf(byte[] value) {
    byte[] name = value != null ? value : ifNull;
    if (name == null) {
      throw new IllegalStateException("a null name where none is expected");
    }
    for (int i = 0; i < bytes.size(); i++) {
      if (Arrays.equals(bytes.get(i), name)) {
        return i;
      }
    }
    names.add(new String(name, StandardCharsets.UTF_8));
    bytes.add(name);
    return names.size() - 1;
  }

  /** The names, each at its number. */
  List<String> names() {
    return List.copyOf(names);
  }

  private static byte[] utf8(String name) {
    return name.getBytes(StandardCharsets.UTF_8);
  }
}
