package io.affinity.campaigns.segments;

import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checked segment definition: its name, description, the rule tree as sent (for storage and
 * display) and as parsed.
 */
public record SegmentDefinition(String name, String description, Object rulesJson, Rule rules) {
  static final int MAX_NAME = 200;
  static final int MAX_DESCRIPTION = 2000;
  private static final Set<String> KEYS = Set.of("name", "description", "rules");

  /**
   * Reads a definition from a parsed JSON object ({@code name}, {@code description}, {@code
   * rules}); {@code nameRequired} is false for an unsaved preview.
   *
   * @throws InvalidInputException naming every bad field and rule
   */
  public static SegmentDefinition parse(Map<?, ?> body, boolean nameRequired) {
    List<FieldError> errors = new ArrayList<>();
    for (Object key : body.keySet()) {
      if (!KEYS.contains(String.valueOf(key))) {
        errors.add(new FieldError(String.valueOf(key), "unknown field; the fields are " + KEYS));
      }
    }
    Object name = body.get("name");
    if (name == null
        ? nameRequired
        : !(name instanceof String s) || s.isBlank() || s.length() > MAX_NAME) {
      errors.add(
          new FieldError(
              "name", "must be a non-blank string of at most " + MAX_NAME + " characters"));
    }
    Object description = body.get("description");
    if (description != null
        && (!(description instanceof String d) || d.length() > MAX_DESCRIPTION)) {
      errors.add(
          new FieldError(
              "description", "must be a string of at most " + MAX_DESCRIPTION + " characters"));
    }
    Rule rule = null;
    if (!body.containsKey("rules")) {
      errors.add(new FieldError("rules", "is missing; send a rule tree such as {\"all\": [...]}"));
    } else {
      try {
        rule = RuleParser.parse(body.get("rules"), "rules");
      } catch (InvalidInputException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(
          "The segment definition has " + errors.size() + " problem(s)", errors);
    }
    return new SegmentDefinition((String) name, (String) description, body.get("rules"), rule);
  }
}
