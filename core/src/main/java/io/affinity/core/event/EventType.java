package io.affinity.core.event;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of event we store, with what each one must carry. The wire name is the lower-case
 * constant name ({@code add_to_cart}).
 */
public enum EventType {
  PURCHASE(true, true, false),
  RETURN(true, true, false),
  VIEW(true, false, false),
  ADD_TO_CART(true, false, false),
  VISIT(false, false, false),
  SEARCH(false, false, false),
  OPEN(false, false, true),
  CLICK(false, false, true),
  UNSUBSCRIBE(false, false, true),
  CONVERSION(true, true, true);

  /** The accepted wire names, for error messages. */
  public static final String NAMES =
      Arrays.stream(values()).map(EventType::wireName).collect(Collectors.joining(", "));

  private static final Map<String, EventType> BY_WIRE_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, t -> t));

  private final String wireName = name().toLowerCase(Locale.ROOT);
  private final boolean needsProduct;
  private final boolean isSale;
  private final boolean needsKnownCustomer;

  EventType(boolean needsProduct, boolean isSale, boolean needsKnownCustomer) {
    this.needsProduct = needsProduct;
    this.isSale = isSale;
    this.needsKnownCustomer = needsKnownCustomer;
  }

  /** The name used in JSON and in the database. */
  public String wireName() {
    return wireName;
  }

  /** Whether the event is about one product and must name it. */
  public boolean needsProduct() {
    return needsProduct;
  }

  /** Whether the event moves money and must carry a quantity and a unit price. */
  public boolean isSale() {
    return isSale;
  }

  /**
   * Whether the customer must already exist. Campaign responses come from mail we sent, so an
   * unknown customer there is a client error; shop behaviour may come first and creates the
   * customer.
   */
  public boolean needsKnownCustomer() {
    return needsKnownCustomer;
  }

  /** The type with wire name {@code name}, if there is one. */
  public static Optional<EventType> fromWireName(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(BY_WIRE_NAME.get(name));
  }
}
