package io.affinity.campaigns.lift;

/** How the lift report splits a campaign besides the overall figures. */
public enum Grouping {
  /** Overall only. */
  NONE,
  /** Each A/B variant against the (shared) control group. */
  VARIANT,
  /** Treatment against control within each RFM segment ({@code unknown} without metrics). */
  RFM;

  /** The name used in query strings: {@code variant}, {@code rfm}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
