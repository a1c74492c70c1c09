package io.affinity.service.console.templates;

import io.affinity.campaigns.templates.TemplateRenderException;
import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One thing wrong with what the marketer wrote, as the editor shows it: the part (subject, HTML,
 * text), the line and column (0 when unknown), the message, and the lines around the failing one
 * with that line marked.
 */
final class SourceProblem {
  /** How the checker and the service name a place: "line 3, column 7: ...". */
  private static final Pattern AT = Pattern.compile("^line (\\d+), column (\\d+): (.*)$");

  /** "Template 12 v3 " before a limit's message; the editor knows which template it shows. */
  private static final Pattern TEMPLATE = Pattern.compile("^Template \\d+ v\\d+ ");

  /** Lines shown before and after the failing one. */
  static final int CONTEXT = 2;

  private SourceProblem() {}

  /** The problems of a save or draft refused with field errors. */
  static List<Map<String, Object>> of(InvalidInputException e, TemplateForm form) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (FieldError error : e.errors()) {
      Matcher m = AT.matcher(error.reason());
      if (m.matches()) {
        out.add(
            problem(
                error.field(),
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                m.group(3),
                form));
      } else {
        out.add(problem(error.field(), 0, 0, error.reason(), form));
      }
    }
    return out;
  }

  /** The problem of a render that failed for the customer or went past a limit. */
  static Map<String, Object> of(TemplateRenderException e, TemplateForm form) {
    String part = e.part() != null ? e.part() : "html";
    String message = TEMPLATE.matcher(e.reason()).replaceFirst("");
    return problem(part, e.line(), e.column(), message, form);
  }

  private static Map<String, Object> problem(
      String field, int line, int column, String message, TemplateForm form) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("field", field);
    p.put("part", label(field));
    p.put("line", line);
    p.put("column", column);
    p.put("message", message);
    p.put("excerpt", line > 0 ? excerpt(source(field, form), line) : List.of());
    return p;
  }

  /** The lines around {@code line} of {@code source}, numbered, the failing one marked. */
  static List<Map<String, Object>> excerpt(String source, int line) {
    String[] lines = source.split("\n", -1);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int n = Math.max(1, line - CONTEXT); n <= Math.min(lines.length, line + CONTEXT); n++) {
      String text = lines[n - 1];
      out.add(
          Map.of(
              "number",
              n,
              "text",
              text.length() > 200 ? text.substring(0, 200) + "…" : text,
              "marked",
              n == line));
    }
    return out;
  }

  private static String source(String field, TemplateForm form) {
    return switch (field) {
      case "subject" -> form.subject();
      case "html" -> form.html();
      case "text" -> form.text();
      default -> "";
    };
  }

  private static String label(String field) {
    return switch (field) {
      case "subject" -> "Subject";
      case "html" -> "HTML";
      case "text" -> "Text";
      case "key" -> "Key";
      case "name" -> "Name";
      default -> field;
    };
  }
}
