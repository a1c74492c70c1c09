package io.affinity.campaigns.templates;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-text part of a message made from its HTML: links become "label (url)", block elements
 * line breaks, images and scripts disappear, entities are decoded. Some of the expressions take
 * quadratic time on hostile HTML (thousands of unclosed tags): within a render they read the HTML
 * through the message's {@link RenderBudget}, which stops them at the render time limit.
 */
public final class HtmlToText {
  private static final Pattern DROPPED =
      Pattern.compile("(?is)<!--.*?-->|<(head|style|script|title)\\b.*?</\\1\\s*>|<img\\b[^>]*>");
  private static final Pattern LINK =
      Pattern.compile(
          "(?is)<a\\b[^>]*?\\bhref\\s*=\\s*(\"([^\"]*)\"|'([^']*)')[^>]*>(.*?)</a\\s*>");
  private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");
  private static final Pattern BLOCK_END =
      Pattern.compile("(?i)</(p|div|h[1-6]|tr|table|ul|ol|section|header|footer)\\s*>");
  private static final Pattern ITEM = Pattern.compile("(?i)<li\\b[^>]*>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#\\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r]+");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n(\\s*\\n)+");
  private static final Pattern LINE_EDGES = Pattern.compile(" *\\n *");
  private static final int CHECK_EVERY = 4096;

  private HtmlToText() {}

  /** The text of {@code html}. */
  public static String convert(String html) {
    return convert(html, null);
  }

  /**
   * The text of {@code html}, within {@code budget}'s time when it is not null.
   *
   * @throws RenderBudget.TimeUp when the time is up
   */
  static String convert(String html, RenderBudget budget) {
    String s = DROPPED.matcher(timed(html, budget)).replaceAll("");
    s = replaceLinks(s, budget);
    s = BREAK.matcher(timed(s, budget)).replaceAll("\n");
    s = BLOCK_END.matcher(timed(s, budget)).replaceAll("\n\n");
    s = ITEM.matcher(timed(s, budget)).replaceAll("\n- ");
    s = TAG.matcher(timed(s, budget)).replaceAll("");
    s = decode(s);
    s = SPACES.matcher(timed(s, budget)).replaceAll(" ");
    s = LINE_EDGES.matcher(timed(s, budget)).replaceAll("\n");
    s = BLANK_LINES.matcher(timed(s, budget)).replaceAll("\n\n");
    return s.strip() + "\n";
  }

  private static String replaceLinks(String s, RenderBudget budget) {
    Matcher m = LINK.matcher(timed(s, budget));
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      String url = m.group(2) != null ? m.group(2) : m.group(3);
      String label = TAG.matcher(timed(m.group(4), budget)).replaceAll("").strip();
      String text = label.isEmpty() || label.equals(url) ? url : label + " (" + url + ")";
      m.appendReplacement(out, Matcher.quoteReplacement(text));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static CharSequence timed(String s, RenderBudget budget) {
    return budget == null ? s : new Timed(s, 0, s.length(), budget, new int[1]);
  }

  /** A string whose reads check the budget's clock now and then. */
  private record Timed(String s, int start, int end, RenderBudget budget, int[] reads)
      implements CharSequence {
    @Override
    public char charAt(int index) {
      if (++reads[0] >= CHECK_EVERY) {
        reads[0] = 0;
        try {
          budget.checkTime();
        } catch (RenderBudget.LimitReached e) {
          throw new RenderBudget.TimeUp();
        }
      }
      return s.charAt(start + index);
    }

    @Override
    public int length() {
      return end - start;
    }

    @Override
    public CharSequence subSequence(int from, int to) {
      return new Timed(s, start + from, start + to, budget, reads);
    }

    @Override
    public String toString() {
      return s.substring(start, end);
    }
  }

  private static String decode(String s) {
    Matcher m = ENTITY.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1), m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String entity(String name, String whole) {
    try {
      if (name.startsWith("#x") || name.startsWith("#X")) {
        return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
      }
      if (name.startsWith("#")) {
        return new String(Character.toChars(Integer.parseInt(name.substring(1))));
      }
    } catch (IllegalArgumentException e) {
      return whole;
    }
    return switch (name) {
      case "amp" -> "&";
      case "lt" -> "<";
      case "gt" -> ">";
      case "quot" -> "\"";
      case "apos" -> "'";
      case "nbsp" -> " ";
      case "euro" -> "€";
      case "pound" -> "£";
      case "copy" -> "©";
      case "mdash" -> "—";
      case "ndash" -> "–";
      case "hellip" -> "…";
      default -> whole;
    };
  }
}
