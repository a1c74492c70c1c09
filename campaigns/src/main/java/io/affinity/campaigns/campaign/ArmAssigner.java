package io.affinity.campaigns.campaign;

import java.math.BigDecimal;
import java.util.List;

/**
 * Assigns a recipient to the control group or to a variant by a seeded hash of its key (the
 * customer id, or the household id when households are assigned as a whole), so that the same
 * campaign seed always gives the same assignment and the assignment cannot depend on anything a
 * marketer or a customer controls. The hash is SplitMix64's finaliser (the same avalanche mixer as
 * MurmurHash3's {@code fmix64}): its outputs are uniform over 64 bits for consecutive inputs.
 */
public final class ArmAssigner {
  /** The arm of the held-out group. */
  public static final String CONTROL = "control";

  // Different salts make the control draw and the variant draw independent of each other.
  private static final long CONTROL_SALT = 0x9E3779B97F4A7C15L;
  private static final long VARIANT_SALT = 0xC2B2AE3D27D4EB4FL;

  private final long seed;
  private final double controlFraction;
  private final List<Variant> variants;
  private final int totalWeight;

  public ArmAssigner(long seed, BigDecimal controlPercent, List<Variant> variants) {
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("at least one variant is needed");
    }
    this.seed = seed;
    this.controlFraction = controlPercent.doubleValue() / 100.0;
    this.variants = List.copyOf(variants);
    this.totalWeight = variants.stream().mapToInt(Variant::weight).sum();
  }

  /**
   * The arm of a recipient.
   *
   * @param key the customer id, or the household id when assigning by household
   * @param isHousehold whether {@code key} is a household id (households and customers with the
   *     same number must not share a draw)
   */
  public String arm(long key, boolean isHousehold) {
    long k = key * 2 + (isHousehold ? 1 : 0);
    if (unit(mix(seed ^ CONTROL_SALT, k)) < controlFraction) {
      return CONTROL;
    }
    double u = unit(mix(seed ^ VARIANT_SALT, k)) * totalWeight;
    int acc = 0;
    for (Variant v : variants) {
      acc += v.weight();
      if (u < acc) {
        return v.name();
      }
    }
    return variants.get(variants.size() - 1).name();
  }

  /** A uniform number in [0, 1) from the 64 bits of {@code h}. */
  private static double unit(long h) {
    return (double) (h >>> 11) * 0x1.0p-53;
  }

  /** SplitMix64's finaliser over {@code seed + key * golden}: a 64-bit avalanche hash. */
  static long mix(long seed, long key) {
    long z = seed + key * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
