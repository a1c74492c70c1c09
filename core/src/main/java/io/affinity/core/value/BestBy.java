package io.affinity.core.value;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What "best customers" are ranked by; each maps to a fixed column, never to client text. */
public enum BestBy {
  /** Historic customer lifetime value: net revenue minus cost of goods. */
  CLV("historic_clv"),
  /** Net revenue. */
  MONETARY("revenue"),
  /** Predicted spend in the next 12 months. */
  PREDICTED_CLV("predicted_clv_12m");

  /** The accepted wire names, for error messages. */
  public static final String NAMES =
      Arrays.stream(values()).map(BestBy::wireName).collect(Collectors.joining(", "));

  private final String column;

  BestBy(String column) {
    this.column = column;
  }

  /** The name in query strings. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  String column() {
    return column;
  }

  /** The ranking named {@code name}, if any. */
  public static Optional<BestBy> fromWireName(String name) {
    return Arrays.stream(values()).filter(b -> b.wireName().equals(name)).findFirst();
  }
}
