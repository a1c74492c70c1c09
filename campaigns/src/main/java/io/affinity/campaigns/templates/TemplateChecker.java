package io.affinity.campaigns.templates;

import freemarker.core.ParseException;
import freemarker.template.Template;
import io.affinity.core.error.FieldError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a template source before it is saved: no construct that reaches for Java (the runtime
 * sandbox would stop it anyway, but a marketer learns at save time, with the line), then a full
 * parse for syntax errors. Rejected: the built-ins {@code ?new}, {@code ?api}, {@code ?has_api},
 * {@code ?eval} and {@code ?interpret} (the last two build code from strings, which no static check
 * could follow), any mention of {@code freemarker.template.utility} or its {@code Execute}, {@code
 * ObjectConstructor} and {@code JythonRuntime} classes, the static and enum models ({@code
 * statics}, {@code enums}) and {@code #include}/{@code #import} (templates are self-contained). The
 * rules are applied to the source and to the parsed template's canonical form, where comments
 * inside expressions are gone. Keeping {@code ?eval} and {@code ?interpret} out matters for the
 * render limits too: code they build at runtime has no interruption checks in its loops.
 */
public final class TemplateChecker {
  /** A forbidden construct and what to tell the marketer. */
  private record Rule(Pattern pattern, String reason) {}

  private static final List<Rule> RULES =
      List.of(
          rule("\\?\\s*new\\b", "?new (class instantiation) is not allowed"),
          rule("\\?\\s*(api|has_api|hasApi)\\b", "?api (Java API access) is not allowed"),
          rule("\\?\\s*(eval|interpret)\\b", "?eval and ?interpret are not allowed"),
          rule(
              "freemarker\\s*\\.\\s*template\\s*\\.\\s*utility",
              "freemarker.template.utility classes are not allowed"),
          rule(
              "\\b(ObjectConstructor|JythonRuntime)\\b|\\butility\\.Execute\\b",
              "Java classes (ObjectConstructor, Execute, ...) are not allowed"),
          rule(
              "\\b(statics|enums)\\s*[\\[.]",
              "static and enum models (statics, enums) are not allowed"),
          rule("<[#@]\\s*(include|import)\\b", "#include and #import are not allowed"));

  private TemplateChecker() {}

  private static Rule rule(String regex, String reason) {
    return new Rule(Pattern.compile(regex), reason);
  }

  /**
   * Every problem of {@code source} as {@code part}, each with its line and column (1-based); empty
   * when the source may be saved.
   */
  public static List<FieldError> problems(TemplateSandbox.Part part, String source) {
    List<FieldError> errors = new ArrayList<>();
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(source);
      while (m.find()) {
        int[] at = position(source, m.start());
        errors.add(error(part, at[0], at[1], rule.reason()));
      }
    }
    if (!errors.isEmpty()) {
      return errors;
    }
    Template parsed;
    try {
      parsed = TemplateSandbox.parse("check", part, source);
    } catch (ParseException e) {
      errors.add(error(part, e.getLineNumber(), e.getColumnNumber(), firstLine(e)));
      return errors;
    } catch (IOException e) {
      throw new IllegalStateException("Reading from a string cannot fail", e);
    }
    // Freemarker allows comments inside expressions ("?<#-- -->eval"), which the source scan does
    // not see; the canonical form has them removed.
    String canonical = parsed.toString();
    for (Rule rule : RULES) {
      if (rule.pattern().matcher(canonical).find()) {
        errors.add(
            new FieldError(part.field(), rule.reason() + " (even with a comment inside it)"));
      }
    }
    return errors;
  }

  /**
   * Checks {@code source} as {@code part}.
   *
   * @throws TemplateRejectedException listing every problem
   */
  public static void check(TemplateSandbox.Part part, String source) {
    List<FieldError> errors = problems(part, source);
    if (!errors.isEmpty()) {
      throw new TemplateRejectedException(errors);
    }
  }

  private static FieldError error(TemplateSandbox.Part part, int line, int column, String reason) {
    return new FieldError(part.field(), "line " + line + ", column " + column + ": " + reason);
  }

  /** Freemarker's own message without its quotation of the template and its tips. */
  private static String firstLine(ParseException e) {
    String message = e.getEditorMessage();
    if (message == null) {
      message = e.getMessage();
    }
    message = message.strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline).strip();
  }

  /** The 1-based line and column of {@code offset} in {@code source}. */
  static int[] position(String source, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (source.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, offset - lineStart + 1};
  }
}
