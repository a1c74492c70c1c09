package io.affinity.service.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.affinity.service.problem.MalformedRequestException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads request bodies from their bytes, strictly: a misspelt field, a string where a number
 * belongs or a truncated document is a 400 naming the field ({@code [3].quantity}), the same on
 * every endpoint. Reading the bytes ourselves also lets {@code POST /api/events} take one object or
 * an array.
 */
@Singleton
public class JsonBodies {
  private final ObjectMapper mapper =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  /** A JSON object of {@code type}. */
  public <T> T object(@Nullable byte[] body, Class<T> type) {
    expect(body, '{', "a JSON object");
    try {
      return mapper.readValue(body, type);
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /** A JSON array of {@code type}. */
  public <T> List<T> array(@Nullable byte[] body, Class<T> type) {
    expect(body, '[', "a JSON array");
    CollectionType list = mapper.getTypeFactory().constructCollectionType(List.class, type);
    try {
      return mapper.readValue(body, list);
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /** A JSON object (one item) or a JSON array (a batch) of {@code type}. */
  public <T> List<T> objectOrArray(@Nullable byte[] body, Class<T> type) {
    int first = firstNonWhitespace(body);
    if (first >= 0 && body[first] == '{') {
      return List.of(object(body, type));
    }
    return array(body, type);
  }

  private static MalformedRequestException malformed(IOException e) {
    String reason = reason(e);
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      return new MalformedRequestException(path(m), reason);
    }
    return new MalformedRequestException("body", reason);
  }

  /** What the client did wrong, in its terms: no Java types, no parser internals. */
  private static String reason(IOException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field; the known fields are "
          + new TreeSet<>(stringsOf(u.getKnownPropertyIds()));
    }
    if (e instanceof InvalidFormatException f) {
      return "'" + f.getValue() + "' is not " + expected(f.getTargetType());
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return "must be " + expected(m.getTargetType());
    }
    if (e instanceof JsonParseException p) {
      String message = p.getOriginalMessage();
      int cut = message.indexOf('\n');
      return "not valid JSON: " + (cut > 0 ? message.substring(0, cut) : message);
    }
    return e instanceof JacksonException j ? j.getOriginalMessage() : "the body is not valid JSON";
  }

  private static String expected(Class<?> type) {
    if (type == Instant.class) {
      return "an ISO-8601 time such as 2024-05-01T10:00:00Z";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a JSON array";
    }
    return "a JSON object";
  }

  private static List<String> stringsOf(Collection<Object> values) {
    return values.stream().map(String::valueOf).toList();
  }

  private static String path(JsonMappingException e) {
    StringBuilder s = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getIndex() >= 0) {
        s.append('[').append(r.getIndex()).append(']');
      } else if (r.getFieldName() != null) {
        if (s.length() > 0) {
          s.append('.');
        }
        s.append(r.getFieldName());
      }
    }
    return s.toString();
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
