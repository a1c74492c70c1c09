package io.affinity.service.problem;

import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rewrites the framework's messages about unreadable requests for clients: the field and the reason
 * stay, Java class names and parser internals go.
 */
final class ReadableErrors {
  private static final Pattern PROPERTY =
      Pattern.compile("Error decoding property \\[(?:[\\w.<>, ]+ )?(\\w+)\\] of type");
  private static final Pattern CLASS_NAME =
      Pattern.compile("\\b(?:[a-z][\\w$]*\\.)+([A-Z][\\w$]*)");
  private static final Pattern SOURCE = Pattern.compile("\\s*at \\[Source:.*", Pattern.DOTALL);
  private static final int MAX = 300;

  private ReadableErrors() {}

  static String describe(ErrorContext context) {
    Throwable cause = context.getRootCause().orElse(null);
    String message =
        context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
    if (cause != null && cause.getMessage() != null) {
      message = cause.getMessage();
    }
    return clean(message);
  }

  static String clean(String message) {
    if (message == null || message.isBlank()) {
      return "The request could not be read";
    }
    String field = null;
    Matcher m = PROPERTY.matcher(message);
    while (m.find()) {
      field = m.group(1); // the innermost property is the one at fault
    }
    String text = SOURCE.matcher(message).replaceAll("");
    int colon = text.lastIndexOf(": ");
    if (field != null && colon >= 0) {
      text = text.substring(colon + 2);
    }
    text = CLASS_NAME.matcher(text).replaceAll("$1").replaceAll("\\s+", " ").trim();
    if (text.length() > MAX) {
      text = text.substring(0, MAX) + "...";
    }
    return field == null ? text : "Field '" + field + "': " + text;
  }
}
