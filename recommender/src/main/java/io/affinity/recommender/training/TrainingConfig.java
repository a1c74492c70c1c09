package io.affinity.recommender.training;

/**
 * The knobs of CCO training.
 *
 * @param maxPerUser interactions kept per user and signal (random downsample above it)
 * @param indicatorsPerItem indicators kept per item and signal, strongest first
 * @param minCooccurrence pairs seen together by fewer users are ignored: a single shared user gives
 *     huge LLR scores to rare items, which is noise
 * @param minLlr pairs scoring below this are ignored
 * @param seed for the downsampling
 */
public record TrainingConfig(
    int maxPerUser, int indicatorsPerItem, int minCooccurrence, double minLlr, long seed) {
  public static final int DEFAULT_MAX_PER_USER = 500;
  public static final int DEFAULT_INDICATORS_PER_ITEM = 50;
  public static final int DEFAULT_MIN_COOCCURRENCE = 2;
  public static final double DEFAULT_MIN_LLR = 0.0;

  public TrainingConfig {
    if (maxPerUser < 1) {
      throw new IllegalArgumentException("maxPerUser must be positive, got " + maxPerUser);
    }
    if (indicatorsPerItem < 1) {
      throw new IllegalArgumentException(
          "indicatorsPerItem must be positive, got " + indicatorsPerItem);
    }
    if (minCooccurrence < 1) {
      throw new IllegalArgumentException(
          "minCooccurrence must be at least 1, got " + minCooccurrence);
    }
  }

  /** The defaults. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(
        DEFAULT_MAX_PER_USER,
        DEFAULT_INDICATORS_PER_ITEM,
        DEFAULT_MIN_COOCCURRENCE,
        DEFAULT_MIN_LLR,
        42L);
  }
}
