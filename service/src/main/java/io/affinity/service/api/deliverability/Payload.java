package io.affinity.service.api.deliverability;

import com.fasterxml.jackson.databind.JsonNode;
import io.affinity.campaigns.deliverability.DeliveryReport;
import io.affinity.core.error.FieldError;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What reading a webhook body gives, built up format by format: the reports, notes about events
 * that were read but need nothing (opens, delay warnings, an SNS subscription confirmation), and
 * the problems found (then nothing is recorded).
 */
final class Payload {
  final List<DeliveryReport> reports = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  final List<FieldError> errors = new ArrayList<>();

  void error(String path, String reason) {
    errors.add(new FieldError(path.isEmpty() ? "body" : path, reason));
  }

  /** {@code base} and {@code field} as a path ({@code [2].email}, {@code Message.bounce}). */
  static String path(String base, String field) {
    return base.isEmpty() ? field : base + "." + field;
  }

  /** The text of {@code node.field}, or null when missing, null or not text. */
  static @Nullable String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText().trim() : null;
  }

  /**
   * The time {@code value} (ISO-8601 with an offset, or an instant) of a year from 1 to 9999, or
   * null if it is none: a year such as {@code +999999999} parses but overflows epoch milliseconds.
   */
  static @Nullable Long time(@Nullable String value) {
    if (value == null) {
      return null;
    }
    Instant instant;
    try {
      instant = OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      try {
        instant = Instant.parse(value);
      } catch (DateTimeParseException again) {
        return null;
      }
    }
    int year = instant.atOffset(ZoneOffset.UTC).getYear();
    return year >= 1 && year <= 9999 ? instant.toEpochMilli() : null;
  }

  /** Whether {@code value} looks like an address at all. */
  static boolean isAddress(@Nullable String value) {
    return value != null
        && value.length() <= 320
        && value.indexOf('@') > 0
        && value.indexOf('@') < value.length() - 1
        && value.chars().noneMatch(Character::isWhitespace);
  }
}
