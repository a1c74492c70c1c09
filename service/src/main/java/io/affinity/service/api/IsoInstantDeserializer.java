package io.affinity.service.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads a time from an ISO-8601 string ({@code 2024-05-01T10:00:00Z}, or with an offset such as
 * {@code +02:00}) of a year from 1 to 9999, and nothing else: Jackson's own reader takes a number,
 * or a string of digits, as epoch milliseconds, so {@code 1e308} became 1970-01-01 without a word;
 * and a year such as {@code -999999999} parses but overflows epoch milliseconds when stored.
 */
final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {
  private static final long serialVersionUID = 1L;

  IsoInstantDeserializer() {
    super(Instant.class);
  }

  @Override
  public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
    }
    String text = p.getText().trim();
    try {
      OffsetDateTime time = OffsetDateTime.parse(text);
      if (time.getYear() >= 1 && time.getYear() <= 9999) {
        return time.toInstant();
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 time");
  }
}
