package io.affinity.campaigns.templates;

/**
 * A template went past a limit while rendering one message: the render time limit, the output size
 * limit, the nesting depth (a macro or function calling itself without end) or the memory a message
 * may use. The message says which limit and, where known, the line; it never names a Java class.
 */
public class TemplateLimitException extends TemplateRenderException {
  /** Which limit a template went past. */
  public enum Limit {
    TIME,
    OUTPUT,
    DEPTH,
    MEMORY
  }

  private final Limit limit;

  TemplateLimitException(
      long templateId, int version, Limit limit, String what, int line, int col) {
    super(
        "Template "
            + templateId
            + " v"
            + version
            + " "
            + what
            + (line > 0 ? " at line " + line + ", column " + col : ""),
        line,
        col);
    this.limit = limit;
  }

  /** The limit the template went past. */
  public Limit limit() {
    return limit;
  }
}
