package io.affinity.core.importer;

/** What a line of the Online Retail file becomes: an event, or a reason for skipping it. */
public enum LineOutcome {
  /** A sale: stored as a {@code purchase} event. */
  PURCHASE,
  /** A cancellation line: stored as a {@code return} event with a positive quantity. */
  RETURN,
  /** No CustomerID: an anonymous sale that cannot be tied to anyone. */
  NO_CUSTOMER,
  /** The stock code is postage, a fee, a discount, a voucher, ...: not a product. */
  NON_PRODUCT_CODE,
  /** UnitPrice 0: samples, damages and stock corrections rather than sales. */
  ZERO_PRICE,
  /** Anything else that cannot be a sale or a return, such as a negative quantity on a sale. */
  OTHER;

  /** Whether the line is stored as an event. */
  public boolean isEvent() {
    return this == PURCHASE || this == RETURN;
  }
}
