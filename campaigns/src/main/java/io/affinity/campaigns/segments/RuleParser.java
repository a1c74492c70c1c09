package io.affinity.campaigns.segments;

import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a rule tree from parsed JSON (maps, lists, strings, numbers, booleans) and checks it,
 * collecting every problem with the JSON path of the rule at fault ({@code
 * rules.all[2].any[0].field}) before failing.
 *
 * <p>The grammar: a node is an object with exactly one of {@code all}, {@code any} (non-empty
 * arrays of nodes), {@code not} (a node), {@code field} (with {@code op} and {@code value}), {@code
 * bought}, {@code neverBought}, {@code engaged} or {@code likelyBuyers}. See docs/segments.md.
 */
public final class RuleParser {
  /** The longest window a behaviour rule may look back: ten years. */
  public static final int MAX_WINDOW_DAYS = 3650;

  /** The most customers a predicted-affinity rule may select. */
  public static final int MAX_TOP = 10_000;

  /** The most nodes a tree may have, so that a definition cannot make a monster query. */
  public static final int MAX_NODES = 200;

  /** The deepest a tree may nest. */
  public static final int MAX_DEPTH = 12;

  static final int MAX_TEXT = 255;
  static final int MAX_IN_VALUES = 1000;

  private static final Set<String> NODE_KINDS =
      Set.of("all", "any", "not", "field", "bought", "neverBought", "engaged", "likelyBuyers");
  private static final Set<String> ENGAGEMENT_EVENTS = Set.of("open", "click");

  /** A topic as campaigns and triggers name one: a short lower-case token such as offers. */
  private static final Pattern TOPIC =
      Pattern.compile("[a-z0-9-]{1," + ProfileField.MAX_TOPIC + "}");

  private final List<FieldError> errors = new ArrayList<>();
  private int nodes;

  private RuleParser() {}

  /**
   * The rule tree {@code json}, whose path in the request is {@code path}.
   *
   * @throws InvalidInputException listing every bad rule by its path
   */
  public static Rule parse(Object json, String path) {
    RuleParser parser = new RuleParser();
    Rule rule = parser.node(json, path, 1);
    if (!parser.errors.isEmpty()) {
      throw new InvalidInputException(
          "The segment definition has " + parser.errors.size() + " problem(s)", parser.errors);
    }
    return rule;
  }

  private Rule node(Object json, String path, int depth) {
    if (++nodes > MAX_NODES) {
      if (nodes == MAX_NODES + 1) {
        fail(path, "the rule tree has more than " + MAX_NODES + " nodes");
      }
      return null;
    }
    if (depth > MAX_DEPTH) {
      fail(path, "rules nest deeper than " + MAX_DEPTH + " levels");
      return null;
    }
    if (!(json instanceof Map<?, ?> map)) {
      fail(path, "must be a rule object such as {\"all\": [...]} or {\"field\": ...}");
      return null;
    }
    List<String> kinds =
        map.keySet().stream().map(String::valueOf).filter(NODE_KINDS::contains).toList();
    if (kinds.size() != 1) {
      fail(
          path,
          kinds.isEmpty()
              ? "unknown rule " + map.keySet() + "; a rule has one of " + NODE_KINDS
              : "a rule has exactly one of " + NODE_KINDS + ", this one has " + kinds);
      return null;
    }
    String kind = kinds.get(0);
    if (kind.equals("field")) {
      return condition(map, path);
    }
    unknownKeys(map, path, Set.of(kind));
    Object body = map.get(kind);
    String at = path + "." + kind;
    return switch (kind) {
      case "all", "any" -> group(body, at, path, kind.equals("all"), depth);
      case "not" -> {
        Rule child = node(body, at, depth + 1);
        yield child == null ? null : new Rule.Not(path, child);
      }
      case "bought" -> bought(body, at, path, true);
      case "neverBought" -> {
        Rule bought = bought(body, at, path, false);
        yield bought == null ? null : new Rule.Not(path, bought);
      }
      case "engaged" -> engaged(body, at, path);
      default -> likelyBuyers(body, at, path);
    };
  }

  private Rule group(Object body, String at, String path, boolean all, int depth) {
    if (!(body instanceof List<?> list)) {
      fail(at, "must be an array of rules");
      return null;
    }
    if (list.isEmpty()) {
      fail(at, "must not be empty");
      return null;
    }
    List<Rule> children = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      children.add(node(list.get(i), at + "[" + i + "]", depth + 1));
    }
    return children.contains(null) ? null : new Rule.Group(path, all, List.copyOf(children));
  }

  private Rule condition(Map<?, ?> map, String path) {
    unknownKeys(map, path, Set.of("field", "op", "value"));
    Object name = map.get("field");
    if (!(name instanceof String fieldName) || ProfileField.of(fieldName).isEmpty()) {
      fail(
          path + ".field",
          (name instanceof String ? "unknown field '" + name + "'" : "must be a field name")
              + "; the fields are "
              + ProfileField.NAMES);
      return null;
    }
    ProfileField field = ProfileField.of(fieldName).orElseThrow();
    Object opSymbol = map.get("op");
    Operator op = opSymbol instanceof String s ? Operator.of(s).orElse(null) : null;
    if (op == null || !field.type().operators().contains(op)) {
      fail(
          path + ".op",
          (opSymbol == null
                  ? "is missing"
                  : "'" + opSymbol + "' is not an operator of " + fieldName)
              + "; "
              + fieldName
              + " takes "
              + field.type().operators().stream().map(Operator::symbol).toList());
      return null;
    }
    if (!map.containsKey("value")) {
      fail(path + ".value", "is missing");
      return null;
    }
    List<Object> values = values(map.get("value"), field, op, path + ".value");
    return values == null ? null : new Rule.Condition(path, field, op, values);
  }

  private List<Object> values(Object value, ProfileField field, Operator op, String at) {
    if (op == Operator.BETWEEN || op == Operator.IN) {
      if (!(value instanceof List<?> list)) {
        fail(at, op == Operator.BETWEEN ? "must be an array [low, high]" : "must be an array");
        return null;
      }
      if (op == Operator.BETWEEN && list.size() != 2) {
        fail(at, "must be an array of two values [low, high]");
        return null;
      }
      if (list.isEmpty() || list.size() > MAX_IN_VALUES) {
        fail(at, "must hold 1 to " + MAX_IN_VALUES + " values");
        return null;
      }
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        values.add(scalar(list.get(i), field.type(), at + "[" + i + "]"));
      }
      if (values.contains(null)) {
        return null;
      }
      if (op == Operator.BETWEEN && compare(values.get(0), values.get(1)) > 0) {
        fail(at, "low must not be greater than high");
        return null;
      }
      return values;
    }
    Object scalar = scalar(value, field.type(), at);
    return scalar == null ? null : List.of(scalar);
  }

  private Object scalar(Object value, FieldType type, String at) {
    Object result =
        switch (type) {
          case INTEGER ->
              value instanceof Integer || value instanceof Long
                  ? ((Number) value).longValue()
                  : value instanceof BigInteger b && b.bitLength() < 63 ? b.longValue() : null;
          case NUMBER -> value instanceof Number n ? new BigDecimal(n.toString()) : null;
          case TEXT -> value instanceof String s && s.length() <= MAX_TEXT ? s : null;
          case BOOLEAN -> value instanceof Boolean ? value : null;
          case TOPIC -> value instanceof String s && TOPIC.matcher(s).matches() ? s : null;
        };
    if (result == null) {
      fail(
          at,
          "must be "
              + type.description()
              + (type == FieldType.TEXT ? " of at most " + MAX_TEXT + " characters" : "")
              + ", got "
              + describe(value));
    }
    return result;
  }

  private static int compare(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y);
    }
    return 0;
  }

  private Rule bought(Object body, String at, String path, boolean windowRequired) {
    Map<?, ?> map = object(body, at, Set.of("product", "category", "withinDays"));
    if (map == null) {
      return null;
    }
    String[] target = productOrCategory(map, at);
    Integer days = map.containsKey("withinDays") ? window(map.get("withinDays"), at) : null;
    if (target == null || (map.containsKey("withinDays") && days == null)) {
      return null;
    }
    return new Rule.Bought(at, target[0], target[1], days);
  }

  private Rule engaged(Object body, String at, String path) {
    Map<?, ?> map = object(body, at, Set.of("event", "withinDays"));
    if (map == null) {
      return null;
    }
    Object event = map.get("event");
    if (!(event instanceof String e) || !ENGAGEMENT_EVENTS.contains(e)) {
      fail(at + ".event", "must be one of " + ENGAGEMENT_EVENTS + ", got " + describe(event));
    }
    Integer days = window(map.get("withinDays"), at);
    if (!(event instanceof String e) || !ENGAGEMENT_EVENTS.contains(e) || days == null) {
      return null;
    }
    return new Rule.Engaged(at, e, days);
  }

  private Rule likelyBuyers(Object body, String at, String path) {
    Map<?, ?> map = object(body, at, Set.of("product", "category", "top"));
    if (map == null) {
      return null;
    }
    String[] target = productOrCategory(map, at);
    Object top = map.get("top");
    boolean topOk =
        (top instanceof Integer || top instanceof Long)
            && ((Number) top).longValue() >= 1
            && ((Number) top).longValue() <= MAX_TOP;
    if (!topOk) {
      fail(at + ".top", "must be a whole number from 1 to " + MAX_TOP + ", got " + describe(top));
    }
    if (target == null || !topOk) {
      return null;
    }
    return new Rule.LikelyBuyers(at, target[0], target[1], ((Number) top).intValue());
  }

  private Map<?, ?> object(Object body, String at, Set<String> keys) {
    if (!(body instanceof Map<?, ?> map)) {
      fail(at, "must be an object with " + keys);
      return null;
    }
    unknownKeys(map, at, keys);
    return map;
  }

  /** {product, category}, exactly one of them set; null after reporting a problem. */
  private String[] productOrCategory(Map<?, ?> map, String at) {
    Object product = map.get("product");
    Object category = map.get("category");
    if ((product == null) == (category == null)) {
      fail(at, "needs exactly one of product (a product id) and category (a category path)");
      return null;
    }
    String key = product != null ? "product" : "category";
    Object value = product != null ? product : category;
    if (!(value instanceof String s) || s.isBlank() || s.length() > MAX_TEXT) {
      fail(at + "." + key, "must be a non-blank string of at most " + MAX_TEXT + " characters");
      return null;
    }
    return product != null ? new String[] {s, null} : new String[] {null, s};
  }

  private Integer window(Object days, String at) {
    if (!(days instanceof Integer d) || d <= 0 || d > MAX_WINDOW_DAYS) {
      fail(
          at + ".withinDays",
          "must be a whole number of days from 1 to "
              + MAX_WINDOW_DAYS
              + ", got "
              + describe(days));
      return null;
    }
    return d;
  }

  private void unknownKeys(Map<?, ?> map, String path, Set<String> known) {
    for (Object key : map.keySet()) {
      if (!known.contains(String.valueOf(key))) {
        fail(path + "." + key, "unknown key; expected " + known);
      }
    }
  }

  private static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof List<?>) {
      return "an array";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    return String.valueOf(value);
  }

  private void fail(String path, String reason) {
    errors.add(new FieldError(path, reason));
  }
}
