package io.affinity.service.problem;

import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rewrites error messages for clients: the reason stays; Java class names, parser locations and
 * anything past a few lines go.
 */
final class ReadableErrors {
  private static final Pattern CLASS_NAME =
      Pattern.compile("\\b(?:[a-z][\\w$]*\\.)+([A-Z][\\w$]*)");
  private static final Pattern SOURCE = Pattern.compile("\\s*at \\[Source:.*", Pattern.DOTALL);
  private static final int MAX = 300;

  private ReadableErrors() {}

  /** The framework's message of {@code context}, cleaned. */
  static String describe(ErrorContext context) {
    String message =
        context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
    return clean(message);
  }

  /** {@code message} without class names and parser locations, at most {@value #MAX} chars. */
  static String clean(String message) {
    if (message == null || message.isBlank()) {
      return "The request could not be read";
    }
    String text = SOURCE.matcher(message).replaceAll("");
    text = CLASS_NAME.matcher(text).replaceAll("$1").replaceAll("\\s+", " ").trim();
    return text.length() > MAX ? text.substring(0, MAX) + "..." : text;
  }
}
