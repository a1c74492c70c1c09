package io.affinity.campaigns.templates;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-text part of a message made from its HTML: links become "label (url)", block elements
 * line breaks, images and scripts disappear, entities are decoded.
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

  private HtmlToText() {}

  /** The text of {@code html}. */
  public static String convert(String html) {
    String s = DROPPED.matcher(html).replaceAll("");
    s = replaceLinks(s);
    s = BREAK.matcher(s).replaceAll("\n");
    s = BLOCK_END.matcher(s).replaceAll("\n\n");
    s = ITEM.matcher(s).replaceAll("\n- ");
    s = TAG.matcher(s).replaceAll("");
    s = decode(s);
    s = SPACES.matcher(s).replaceAll(" ");
    s = s.replaceAll(" *\\n *", "\n");
    s = BLANK_LINES.matcher(s).replaceAll("\n\n");
    return s.strip() + "\n";
  }

  private static String replaceLinks(String s) {
    Matcher m = LINK.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      String url = m.group(2) != null ? m.group(2) : m.group(3);
      String label = TAG.matcher(m.group(4)).replaceAll("").strip();
      String text = label.isEmpty() || label.equals(url) ? url : label + " (" + url + ")";
      m.appendReplacement(out, Matcher.quoteReplacement(text));
    }
    m.appendTail(out);
    return out.toString();
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
