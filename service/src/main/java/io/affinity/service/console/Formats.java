package io.affinity.service.console;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console shows numbers, money, shares and times: all formatting happens here. */
public final class Formats {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Formats() {}

  /** {@code 12,345}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 1,234.50}, or a dash. */
  public static String money(@Nullable BigDecimal v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%,.2f", v);
  }

  /** {@code 1,234.50}, or a dash. */
  public static String money(@Nullable Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%,.2f", v);
  }

  /** A share as a percentage with one decimal, {@code 12.5%}, or a dash. */
  public static String percent(@Nullable Double share) {
    return share == null || share.isNaN() ? "-" : String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** A plain number with {@code digits} decimals, or a dash. */
  public static String decimal(@Nullable Double v, int digits) {
    return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%." + digits + "f", v);
  }

  /** {@code 2024-03-01 14:05 UTC}, or a dash. */
  public static String time(@Nullable Instant t) {
    return t == null ? "-" : TIME.format(t);
  }

  /** {@code 2024-03-01}, or a dash. */
  public static String date(@Nullable Instant t) {
    return t == null ? "-" : DATE.format(t);
  }

  /** The text, or a dash when it is null or blank. */
  public static String text(@Nullable Object v) {
    return v == null || v.toString().isBlank() ? "-" : v.toString();
  }
}
