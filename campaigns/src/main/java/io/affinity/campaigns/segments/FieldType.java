package io.affinity.campaigns.segments;

import java.util.EnumSet;
import java.util.Set;

/** The type of a profile field, which decides the values and operators a condition may use. */
public enum FieldType {
  /** Whole numbers: counts, scores, days. */
  INTEGER(EnumSet.allOf(Operator.class), "a whole number"),
  /** Any number: money, probabilities. */
  NUMBER(EnumSet.allOf(Operator.class), "a number"),
  /** Text compared exactly. */
  TEXT(EnumSet.of(Operator.EQ, Operator.NE, Operator.IN), "a string"),
  BOOLEAN(EnumSet.of(Operator.EQ, Operator.NE), "true or false"),
  /** A consent topic such as {@code offers}: whether the customer may be mailed about it. */
  TOPIC(
      EnumSet.of(Operator.EQ, Operator.NE),
      "a topic: 1 to " + ProfileField.MAX_TOPIC + " lower-case letters, digits or '-'");

  private final Set<Operator> operators;
  private final String description;

  FieldType(Set<Operator> operators, String description) {
    this.operators = operators;
    this.description = description;
  }

  /** The operators that make sense for this type. */
  public Set<Operator> operators() {
    return operators;
  }

  /** What a value of this type looks like, for error messages. */
  public String description() {
    return description;
  }
}
