package io.affinity.campaigns.templates;

import java.util.regex.Pattern;

/**
 * Freemarker's error messages as a marketer may read them: they name the Java classes behind values
 * ("(wrapper: f.t.SimpleScalar)", "HashMap wrapped into f.t.DefaultMapAdapter"); those go, since a
 * marketer needs the line and the kind of value, and nothing we show names a Java class (a
 * preview's problem, a recipient's failure reason).
 */
final class FreemarkerMessages {
  /** "(wrapper: f.t.SimpleScalar)", "(HashMap wrapped into f.t.DefaultMapAdapter)". */
  private static final Pattern WRAPPER =
      Pattern.compile("\\s*\\((?:wrapper: |[\\w$.]+ wrapped into )[\\w$.]+\\)");

  /** Any other qualified class name under a package root a Java stack would show. */
  private static final Pattern QUALIFIED =
      Pattern.compile(
          "\\b(?:f\\.t|freemarker|java|javax|jakarta|org|com|io|sun|jdk)(?:\\.[a-z_$][\\w$]*)*"
              + "\\.[A-Z][\\w$]*");

  private FreemarkerMessages() {}

  /** {@code message} without Java class names. */
  static String withoutJavaNames(String message) {
    String text = WRAPPER.matcher(message).replaceAll("");
    return QUALIFIED.matcher(text).replaceAll("a value");
  }
}
