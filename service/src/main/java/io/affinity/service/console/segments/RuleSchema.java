package io.affinity.service.console.segments;

import io.affinity.campaigns.segments.FieldType;
import io.affinity.campaigns.segments.Operator;
import io.affinity.campaigns.segments.ProfileField;
import io.affinity.campaigns.segments.RuleParser;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the rule builder may offer, taken from the rule grammar itself ({@link ProfileField}, its
 * {@link FieldType}'s operators, {@link RuleParser}'s limits) so that the builder cannot drift from
 * what the parser accepts. The page hands it to {@code assets/segments.js} as JSON in a data
 * attribute.
 */
@Singleton
class RuleSchema {
  private final String json;

  RuleSchema(JsonMapper mapper) {
    Map<String, Object> schema = new LinkedHashMap<>();
    List<Map<String, Object>> fields = new ArrayList<>();
    for (ProfileField f : ProfileField.values()) {
      Map<String, Object> field = new LinkedHashMap<>();
      field.put("name", f.wireName());
      field.put("label", label(f));
      field.put("type", f.type().name().toLowerCase(Locale.ROOT));
      field.put("ops", f.type().operators().stream().map(Operator::symbol).toList());
      fields.add(field);
    }
    schema.put("fields", fields);
    schema.put("maxWindowDays", RuleParser.MAX_WINDOW_DAYS);
    schema.put("maxTop", RuleParser.MAX_TOP);
    try {
      json = mapper.writeValueAsString(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema as JSON text. */
  String json() {
    return json;
  }

  /** {@code recency_days} as {@code Recency days}, with a hint of the values it takes. */
  private static String label(ProfileField f) {
    String words = f.wireName().replace('_', ' ');
    String text = Character.toUpperCase(words.charAt(0)) + words.substring(1);
    return switch (f) {
      case R_SCORE, F_SCORE, M_SCORE -> text + " (1-5)";
      case RFM_SEGMENT -> text + " (champions, at_risk, ...)";
      case CHURN_PROBABILITY -> text + " (0-1)";
      case TOPIC_CONSENT -> text + " (may be mailed about topic)";
      default -> text;
    };
  }
}
