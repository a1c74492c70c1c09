package io.affinity.campaigns.segments;

import java.util.Arrays;
import java.util.Optional;

/** A comparison in a condition, by its wire symbol ({@code <=}, {@code between}, {@code in}). */
public enum Operator {
  EQ("="),
  NE("!="),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">="),
  BETWEEN("between"),
  IN("in");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  /** The symbol a rule uses. */
  public String symbol() {
    return symbol;
  }

  /** The operator written {@code symbol}, if any. */
  public static Optional<Operator> of(String symbol) {
    return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst();
  }
}
