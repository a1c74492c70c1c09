package io.affinity.campaigns.deliverability;

import io.micronaut.core.annotation.Nullable;

/** Message-IDs as we store them: trimmed, in angle brackets ({@code <c1.r2.ab@shop.example>}). */
final class MessageIds {
  private MessageIds() {}

  /** {@code id} in the stored form, or null if blank. */
  static @Nullable String normalise(@Nullable String id) {
    if (id == null) {
      return null;
    }
    String s = id.trim();
    if (s.isEmpty() || s.length() > 250) {
      return null;
    }
    if (!s.startsWith("<")) {
      s = "<" + s;
    }
    if (!s.endsWith(">")) {
      s = s + ">";
    }
    return s;
  }
}
