package io.affinity.service.console.segments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A saved rule tree as lines of plain words, each with its depth ({@code All of:} then its rules
 * one level in), for the segment page. The tree was validated when saved; anything unexpected is
 * shown as it is rather than hidden.
 */
final class RuleText {
  /** One line: how deep it sits (0 at the top) and its text. */
  record Line(int depth, String text) {}

  /** The deepest indentation the page draws; deeper lines are drawn at this depth. */
  static final int MAX_DEPTH = 12;

  private RuleText() {}

  /**
   * The lines of {@code rules}, as the page's template reads them: {@code depth} and {@code text}.
   */
  static List<Map<String, Object>> of(Object rules) {
    List<Line> lines = new ArrayList<>();
    node(rules, 0, lines);
    return lines.stream()
        .map(l -> Map.<String, Object>of("depth", Math.min(l.depth(), MAX_DEPTH), "text", l.text()))
        .toList();
  }

  private static void node(Object node, int depth, List<Line> lines) {
    if (!(node instanceof Map<?, ?> map)) {
      lines.add(new Line(depth, String.valueOf(node)));
      return;
    }
    if (map.get("all") instanceof List<?> all) {
      group("All of these:", all, depth, lines);
    } else if (map.get("any") instanceof List<?> any) {
      group("Any of these:", any, depth, lines);
    } else if (map.containsKey("not")) {
      Object child = map.get("not");
      if (child instanceof Map<?, ?> c && !c.containsKey("all") && !c.containsKey("any")) {
        List<Line> inner = new ArrayList<>();
        node(child, 0, inner);
        lines.add(new Line(depth, "Not: " + inner.get(0).text()));
      } else {
        lines.add(new Line(depth, "None of this:"));
        node(child, depth + 1, lines);
      }
    } else if (map.containsKey("field")) {
      lines.add(new Line(depth, map.get("field") + " " + map.get("op") + " " + value(map)));
    } else if (map.get("bought") instanceof Map<?, ?> b) {
      lines.add(new Line(depth, "Bought " + target(b) + window(b)));
    } else if (map.get("neverBought") instanceof Map<?, ?> b) {
      lines.add(new Line(depth, "Never bought " + target(b) + window(b)));
    } else if (map.get("engaged") instanceof Map<?, ?> e) {
      String verb = "click".equals(e.get("event")) ? "Clicked" : "Opened";
      lines.add(new Line(depth, verb + " a campaign message" + window(e)));
    } else if (map.get("likelyBuyers") instanceof Map<?, ?> l) {
      lines.add(new Line(depth, "The " + l.get("top") + " likeliest buyers of " + target(l)));
    } else {
      lines.add(new Line(depth, map.toString()));
    }
  }

  private static void group(String title, List<?> children, int depth, List<Line> lines) {
    lines.add(new Line(depth, title));
    for (Object child : children) {
      node(child, depth + 1, lines);
    }
  }

  private static String value(Map<?, ?> condition) {
    Object v = condition.get("value");
    if (v instanceof List<?> list) {
      return "between".equals(condition.get("op")) && list.size() == 2
          ? list.get(0) + " and " + list.get(1)
          : list.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
    return String.valueOf(v);
  }

  private static String target(Map<?, ?> m) {
    return m.get("product") != null
        ? "product " + m.get("product")
        : "anything in category " + m.get("category");
  }

  private static String window(Map<?, ?> m) {
    return m.get("withinDays") == null ? "" : " in the last " + m.get("withinDays") + " days";
  }
}
