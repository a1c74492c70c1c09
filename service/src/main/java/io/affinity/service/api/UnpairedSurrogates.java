package io.affinity.service.api;

import io.affinity.service.problem.MalformedRequestException;
import io.micronaut.core.annotation.Nullable;

/**
 * Refuses a JSON body whose {@code \\uXXXX} escapes make half a UTF-16 surrogate pair ({@code
 * "\ud800"} alone): JSON allows the escape, but the text is not Unicode, and MariaDB's utf8mb4
 * refuses it at insert time, after the request had been accepted. A pair ({@code "\ud83d\ude00"},
 * as encoders with ASCII-only output write an emoji) is fine; raw UTF-8 bytes are checked by the
 * JSON parser itself.
 */
public final class UnpairedSurrogates {
  private UnpairedSurrogates() {}

  /**
   * Throws a 400 naming the offset of the first escape that is half a pair.
   *
   * @param body the raw request body
   */
  public static void check(@Nullable byte[] body) {
    if (body == null) {
      return;
    }
    boolean pendingHigh = false;
    int pendingAt = -1;
    int i = 0;
    while (i < body.length) {
      if (body[i] != '\\' || i + 1 >= body.length) {
        if (pendingHigh) {
          throw unpaired(pendingAt);
        }
        i++;
        continue;
      }
      if (body[i + 1] != 'u' || i + 5 >= body.length) {
        if (pendingHigh) {
          throw unpaired(pendingAt);
        }
        i += 2; // an escaped character such as \\ or \", never the start of another escape
        continue;
      }
      int unit = hex(body, i + 2);
      boolean high = unit >= 0xD800 && unit <= 0xDBFF;
      boolean low = unit >= 0xDC00 && unit <= 0xDFFF;
      if (pendingHigh != low) {
        throw unpaired(pendingHigh ? pendingAt : i);
      }
      pendingHigh = high;
      pendingAt = i;
      i += 6;
    }
    if (pendingHigh) {
      throw unpaired(pendingAt);
    }
  }

  private static int hex(byte[] body, int from) {
    int value = 0;
    for (int k = from; k < from + 4; k++) {
      int digit = Character.digit(body[k], 16);
      if (digit < 0) {
        return -1; // not an escape the parser accepts; it reports that itself
      }
      value = value * 16 + digit;
    }
    return value;
  }

  private static MalformedRequestException unpaired(int offset) {
    return new MalformedRequestException(
        "body",
        "has a \\u escape at byte "
            + offset
            + " that is half a UTF-16 surrogate pair, which is not Unicode text");
  }
}
