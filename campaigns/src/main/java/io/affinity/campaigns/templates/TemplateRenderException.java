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
  }

  /** A failure described by {@code message} at {@code line} and {@code column} (0 if unknown). */
  protected TemplateRenderException(String message, int line, int column) {
    super(message);
    this.line = line;
    this.column = column;
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
}
