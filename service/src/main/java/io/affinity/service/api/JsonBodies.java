package io.affinity.service.api;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.affinity.service.problem.MalformedRequestException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;

/**
 * Reads request bodies from their bytes, strictly ({@link StrictJson}): a body that is not JSON is
 * a 400; a JSON value that breaks the types (a misspelt field, {@code 1.5} for a whole number, a
 * number for a text, {@code null} in a list) is a 422 naming its path ({@code [3].quantity}), the
 * same on every endpoint. Reading the bytes ourselves also lets {@code POST /api/events} take one
 * object or an array.
 */
@Singleton
public class JsonBodies {
  private final ObjectMapper mapper = StrictJson.mapper();

  /** A JSON object of {@code type}. */
  public <T> T object(@Nullable byte[] body, Class<T> type) {
    expect(body, '{', "a JSON object");
    return read(body, mapper.constructType(type));
  }

  /** A JSON array of {@code type}. */
  public <T> List<T> array(@Nullable byte[] body, Class<T> type) {
    expect(body, '[', "a JSON array");
    return read(body, mapper.getTypeFactory().constructCollectionType(List.class, type));
  }

  /** A JSON object (one item) or a JSON array (a batch) of {@code type}. */
  public <T> List<T> objectOrArray(@Nullable byte[] body, Class<T> type) {
    int first = firstNonWhitespace(body);
    if (first >= 0 && body[first] == '{') {
      return List.of(object(body, type));
    }
    return array(body, type);
  }

  private <T> T read(byte[] body, JavaType type) {
    UnpairedSurrogates.check(body);
    try {
      return mapper.readValue(body, type);
    } catch (IOException e) {
      throw BodyErrors.of(e, body, mapper);
    }
  }

  private static void expect(byte[] body, char opening, String what) {
    int first = firstNonWhitespace(body);
    if (first < 0) {
      throw new MalformedRequestException("body", "is empty; send " + what);
    }
    if (body[first] != opening) {
      throw new MalformedRequestException("body", "must be " + what);
    }
  }

  private static int firstNonWhitespace(byte[] body) {
    if (body == null) {
      return -1;
    }
    for (int i = 0; i < body.length; i++) {
      if (!Character.isWhitespace(body[i])) {
        return i;
      }
    }
    return -1;
  }
}
