package io.affinity.core.value;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The named RFM segments, from the recency score R and the frequency score F (1 to 5 each).
 *
 * <pre>
 *        F=1               F=2                  F=3                  F=4              F=5
 * R=5  new_customers     potential_loyalists  potential_loyalists  champions        champions
 * R=4  promising         potential_loyalists  potential_loyalists  loyal            loyal
 * R=3  about_to_sleep    about_to_sleep       need_attention       loyal            loyal
 * R=2  hibernating       hibernating          at_risk              at_risk          cannot_lose_them
 * R=1  lost              hibernating          at_risk              at_risk          cannot_lose_them
 * </pre>
 *
 * <p>This is the widely used R-by-F grid, with its bottom-left cell (bought once, long ago) named
 * {@code lost} rather than {@code hibernating}. The monetary score does not decide the segment; it
 * ranks customers within one.
 */
public enum RfmSegment {
  CHAMPIONS,
  LOYAL,
  POTENTIAL_LOYALISTS,
  NEW_CUSTOMERS,
  PROMISING,
  NEED_ATTENTION,
  ABOUT_TO_SLEEP,
  AT_RISK,
  CANNOT_LOSE_THEM,
  HIBERNATING,
  LOST;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The name stored in {@code customer_metrics.rfm_segment} and shown in JSON. */
  public String wireName() {
    return wireName;
  }

  /** The segment named {@code wireName}, if any. */
  public static Optional<RfmSegment> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst();
  }

  /**
   * The segment of recency score {@code r} and frequency score {@code f}.
   *
   * @throws IllegalArgumentException if a score is outside 1 to 5
   */
  public static RfmSegment of(int r, int f) {
    if (r < 1 || r > 5 || f < 1 || f > 5) {
      throw new IllegalArgumentException("RFM scores must be 1 to 5, got r=" + r + " f=" + f);
    }
    if (r >= 4 && f >= 4) {
      return r == 5 ? CHAMPIONS : LOYAL;
    }
    if (r == 3 && f >= 4) {
      return LOYAL;
    }
    if (r >= 4 && f >= 2) {
      return POTENTIAL_LOYALISTS;
    }
    if (r == 5) {
      return NEW_CUSTOMERS;
    }
    if (r == 4) {
      return PROMISING;
    }
    if (r == 3) {
      return f == 3 ? NEED_ATTENTION : ABOUT_TO_SLEEP;
    }
    // r is 1 or 2
    if (f == 5) {
      return CANNOT_LOSE_THEM;
    }
    if (f >= 3) {
      return AT_RISK;
    }
    return r == 1 && f == 1 ? LOST : HIBERNATING;
  }
}
