package io.affinity.campaigns.templates;

import freemarker.template.TemplateException;

/**
 * A template failed while rendering one message (a value missing from the model, a wrong type); the
 * message names the template version, the line and column, never the recipient's data nor a Java
 * class.
 */
public class TemplateRenderException extends RuntimeException {
  private final int line;
  private final int column;
  private final String part;
  private final String reason;

  public TemplateRenderException(long templateId, int version, TemplateException cause) {
    super(
        "Template "
            + templateId
            + " v"
            + version
            + " failed at line "
            + cause.getLineNumber()
            + ", column "
            + cause.getColumnNumber()
            + ": "
            + FreemarkerMessages.withoutJavaNames(firstLine(cause.getMessageWithoutStackTop())),
        cause);
    this.line = cause.getLineNumber() == null ? 0 : cause.getLineNumber();
    this.column = cause.getColumnNumber() == null ? 0 : cause.getColumnNumber();
    this.part = partOf(cause.getTemplateSourceName());
    this.reason = FreemarkerMessages.withoutJavaNames(reasonOf(cause.getMessageWithoutStackTop()));
  }

  /** A failure described by {@code message} at {@code line} and {@code column} (0 if unknown). */
  protected TemplateRenderException(String message, int line, int column) {
    super(message);
    this.line = line;
    this.column = column;
    this.part = null;
    this.reason = message;
  }

  /** "subject", "html" or "text" from a source name {@link TemplateSandbox#parse} gave. */
  private static String partOf(String sourceName) {
    if (sourceName == null) {
      return null;
    }
    for (TemplateSandbox.Part p : TemplateSandbox.Part.values()) {
      if (sourceName.endsWith("." + p.field())) {
        return p.field();
      }
    }
    return null;
  }

  /**
   * The first line of {@code message}, with the expression Freemarker names on the next line when
   * the first ends in a colon ("The following has evaluated to null or missing: customer.nick").
   */
  private static String reasonOf(String message) {
    String first = firstLine(message);
    if (!first.endsWith(":")) {
      return first;
    }
    String[] lines = message.strip().split("\n");
    String next =
        lines.length < 2
            ? ""
            : lines[1]
                .strip()
                .replaceFirst("^==>\\s*", "")
                .replaceFirst("\\s*\\[in template.*$", "");
    return next.isEmpty() ? first : first + " " + next;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String m = message.strip();
    int newline = m.indexOf('\n');
    return newline < 0 ? m : m.substring(0, newline);
  }

  /** The line the template failed at (1-based, 0 if unknown). */
  public int line() {
    return line;
  }

  /** The column the template failed at (1-based, 0 if unknown). */
  public int column() {
    return column;
  }

  /** The part that failed, {@code subject}, {@code html} or {@code text}; null if unknown. */
  public String part() {
    return part;
  }

  /**
   * What went wrong: Freemarker's first line (with the expression it names) without the template
   * and place; for a limit ({@link TemplateLimitException}), the whole message.
   */
  public String reason() {
    return reason;
  }
}
