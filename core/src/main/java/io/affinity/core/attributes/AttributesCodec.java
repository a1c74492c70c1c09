package io.affinity.core.attributes;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Converts free-form attributes between their API form (a JSON object) and their stored form (JSON
 * text in a TEXT column, which H2 and MySQL/MariaDB both handle the same way).
 */
@Singleton
public class AttributesCodec {
  private static final Argument<Map<String, Object>> MAP =
      Argument.mapOf(Argument.STRING, Argument.OBJECT_ARGUMENT);

  private final JsonMapper json;

  public AttributesCodec(JsonMapper json) {
    this.json = json;
  }

  /** The JSON text for {@code attributes}, or null when there are none. */
  @Nullable
  public String write(@Nullable Map<String, Object> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return null;
    }
    try {
      return json.writeValueAsString(attributes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The attributes stored as {@code text}; an empty map when there are none. */
  public Map<String, Object> read(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return Map.of();
    }
    try {
      return json.readValue(text, MAP);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
