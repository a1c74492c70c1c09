package io.affinity.campaigns.segments;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A field a condition can compare: customer metrics (table {@code customer_metrics}, alias {@code
 * m}), customer and household attributes (table {@code customers}, alias {@code c}) and consent.
 *
 * <p>The SQL text of each field is a constant written here; user input only ever becomes a bound
 * parameter.
 */
public enum ProfileField {
  /** Whole days since the last purchase; customers who never bought have none. */
  RECENCY_DAYS(FieldType.INTEGER, "m.last_purchase_at", true),
  /** Orders placed; 0 for customers without purchases. */
  ORDERS(FieldType.INTEGER, "COALESCE(m.orders, 0)", false),
  /** Revenue of all orders; 0 for customers without purchases. */
  REVENUE(FieldType.NUMBER, "COALESCE(m.revenue, 0)", false),
  AVG_ORDER_VALUE(FieldType.NUMBER, "m.avg_order_value", true),
  R_SCORE(FieldType.INTEGER, "m.r_score", true),
  F_SCORE(FieldType.INTEGER, "m.f_score", true),
  M_SCORE(FieldType.INTEGER, "m.m_score", true),
  RFM_SEGMENT(FieldType.TEXT, "m.rfm_segment", true),
  HISTORIC_CLV(FieldType.NUMBER, "m.historic_clv", true),
  PREDICTED_CLV_12M(FieldType.NUMBER, "m.predicted_clv_12m", true),
  CHURN_PROBABILITY(FieldType.NUMBER, "m.churn_probability", true),
  COUNTRY(FieldType.TEXT, "c.country", true),
  POSTCODE(FieldType.TEXT, "c.postcode", true),
  PREFERRED_CHANNEL(FieldType.TEXT, "c.preferred_channel", true),
  EMAIL_CONSENT(FieldType.BOOLEAN, "c.email_consent = TRUE", false),
  /**
   * Consents to e-mail and has not left the topic compared with: {@code topic_consent = offers}
   * selects who may be mailed about offers. Its SQL (with the topic bound) is {@link
   * #TOPIC_CONSENT_SQL}.
   */
  TOPIC_CONSENT(FieldType.TOPIC, "c.email_consent = TRUE", false),
  HAS_EMAIL(FieldType.BOOLEAN, "c.email IS NOT NULL", false),
  IN_HOUSEHOLD(FieldType.BOOLEAN, "c.household_id IS NOT NULL", false),
  /** Members of the customer's household, counting the customer; 1 for those living alone. */
  HOUSEHOLD_SIZE(
      FieldType.INTEGER,
      "CASE WHEN c.household_id IS NULL THEN 1 ELSE"
          + " (SELECT COUNT(*) FROM customers hm WHERE hm.household_id = c.household_id) END",
      false);

  /** The longest topic name (the width of {@code campaigns.topic} and {@code consent_topics}). */
  public static final int MAX_TOPIC = 40;

  /**
   * {@link #TOPIC_CONSENT} with the topic as its one parameter: the primary key of {@code
   * consent_topics} (customer, channel, topic) serves the NOT EXISTS per candidate.
   */
  static final String TOPIC_CONSENT_SQL =
      "(c.email_consent = TRUE AND NOT EXISTS (SELECT 1 FROM consent_topics ct"
          + " WHERE ct.customer_id = c.id AND ct.channel = 'email' AND ct.topic = ?"
          + " AND ct.granted = FALSE))";

  /** The wire names, for error messages. */
  public static final String NAMES =
      Arrays.stream(values()).map(ProfileField::wireName).collect(Collectors.joining(", "));

  private final FieldType type;
  private final String sql;
  private final boolean nullable;

  ProfileField(FieldType type, String sql, boolean nullable) {
    this.type = type;
    this.sql = sql;
    this.nullable = nullable;
  }

  public FieldType type() {
    return type;
  }

  /**
   * The SQL expression of the field; for a boolean field, the predicate that is true when the field
   * is.
   */
  String sql() {
    return sql;
  }

  /** Whether the expression can be NULL (a condition on a missing value is false). */
  boolean nullable() {
    return nullable;
  }

  /** The name a rule uses: {@code recency_days}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The field called {@code wireName}, if any. */
  public static Optional<ProfileField> of(String wireName) {
    return Arrays.stream(values()).filter(f -> f.wireName().equals(wireName)).findFirst();
  }
}
