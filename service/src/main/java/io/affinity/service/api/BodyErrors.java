package io.affinity.service.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.affinity.core.error.InvalidInputException;
import io.affinity.service.problem.MalformedRequestException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns what Jackson objected to into the client's terms: a 400 when the bytes are not JSON, a 422
 * naming the path ({@code [3].quantity}) when a value has the wrong type; never a Java type or a
 * parser internal.
 */
final class BodyErrors {
  private static final int MAX_ECHO = 60;

  private BodyErrors() {}

  static RuntimeException of(IOException e, byte[] body, ObjectMapper mapper) {
    JsonProcessingException syntax = syntaxError(e);
    if (syntax != null) {
      String where =
          e instanceof JsonMappingException m && !m.getPath().isEmpty() ? path(m) : pointer(syntax);
      return new MalformedRequestException(
          where, "not valid JSON: " + firstLine(syntax.getOriginalMessage()));
    }
    if (e instanceof JsonMappingException m) {
      String path = path(m);
      if (m instanceof InvalidNullException) {
        path = firstNull(path, m, body, mapper);
        return new InvalidInputException(path.isEmpty() ? "body" : path, "must not be null");
      }
      return new InvalidInputException(path.isEmpty() ? "body" : path, reason(m));
    }
    return new MalformedRequestException("body", "could not be read");
  }

  /**
   * The parse error behind {@code e}, if the bytes themselves are wrong (not JSON, or past a limit
   * such as the nesting depth).
   */
  private static JsonProcessingException syntaxError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamReadException s && !(t instanceof InputCoercionException)) {
        return s;
      }
      if (t instanceof StreamConstraintsException c) {
        return c;
      }
    }
    return null;
  }

  private static String reason(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field; the known fields are "
          + new TreeSet<>(strings(u.getKnownPropertyIds()));
    }
    if (e.getCause() instanceof InputCoercionException c && c.getTargetType() != null) {
      return "is out of range: must be " + expected(c.getTargetType());
    }
    if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
      return echo(f.getValue()) + " is not " + expected(f.getTargetType());
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return "must be " + expected(m.getTargetType());
    }
    return "has the wrong type";
  }

  private static String expected(Class<?> type) {
    if (type == Instant.class) {
      return "an ISO-8601 time string such as \"2024-05-01T10:00:00Z\"";
    }
    if (type == Integer.class || type == int.class) {
      return "a whole number (a JSON integer) from "
          + Integer.MIN_VALUE
          + " to "
          + Integer.MAX_VALUE;
    }
    if (type == Long.class || type == long.class || type == BigInteger.class) {
      return "a whole number (a JSON integer)";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == BigDecimal.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a JSON array";
    }
    if (type.isEnum()) {
      return "one of the documented values";
    }
    if (Map.class.isAssignableFrom(type) || type == Object.class || type.isRecord()) {
      return "a JSON object";
    }
    return "a value of the documented type";
  }

  /** The value as the client sent it, cut short, in quotes. */
  private static String echo(Object value) {
    String text = String.valueOf(value);
    StringBuilder s = new StringBuilder("'");
    text.codePoints()
        .limit(MAX_ECHO)
        .forEach(cp -> s.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    return s.append(text.length() > MAX_ECHO ? "...'" : "'").toString();
  }

  private static List<String> strings(Collection<Object> values) {
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

  /**
   * Jackson names the list that holds a {@code null}, not the item: find the first null in that
   * list, so the client sees {@code items[1]}.
   */
  private static String firstNull(
      String path, JsonMappingException e, byte[] body, ObjectMapper mapper) {
    try {
      JsonNode node = mapper.readTree(body);
      for (JsonMappingException.Reference r : e.getPath()) {
        node = r.getIndex() >= 0 ? node.path(r.getIndex()) : node.path(r.getFieldName());
      }
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          if (node.get(i).isNull()) {
            return path + "[" + i + "]";
          }
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // the list's own path is still right
    }
    return path;
  }

  /** Where in the document the parser stopped, as {@code items[2].name}, else {@code body}. */
  private static String pointer(JsonProcessingException e) {
    if (!(e.getProcessor() instanceof JsonParser p)) {
      return "body";
    }
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.getCurrentName() != null) {
        parts.add("." + c.getCurrentName());
      }
    }
    Collections.reverse(parts);
    String path = String.join("", parts);
    path = path.startsWith(".") ? path.substring(1) : path;
    return path.isEmpty() ? "body" : path;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int cut = message.indexOf('\n');
    String line = cut > 0 ? message.substring(0, cut) : message;
    return line.replace("`StreamReadConstraints.getMaxNestingDepth()`", "the limit")
        .replace("StreamReadConstraints.", "");
  }
}
