package io.affinity.recommender.training;

/**
 * What training reads from the database: the interactions, the product id of each dense item index,
 * and per-item statistics for serving (popularity, trend, repeat-purchase interval).
 *
 * @param itemIds the shop's product id of each item index
 * @param recentBuyers buyers of each item in the last {@link #TREND_DAYS} days of the window
 * @param priorBuyers buyers in the {@link #TREND_DAYS} days before that
 * @param repeatDays mean days between repeat purchases of each item by the same customer, 0 if
 *     nobody bought it twice
 * @param fromMillis start of the data window (inclusive)
 * @param toMillis end of the data window (exclusive)
 * @param events events read
 */
public record TrainingSet(
    InteractionData data,
    String[] itemIds,
    int[] recentBuyers,
    int[] priorBuyers,
    float[] repeatDays,
    long fromMillis,
    long toMillis,
    long events) {
  /** The length of the windows that trend compares. */
  public static final int TREND_DAYS = 30;
}
