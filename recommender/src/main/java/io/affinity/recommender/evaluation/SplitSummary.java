package io.affinity.recommender.evaluation;

import io.affinity.core.importer.LineOutcome;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Map;

/**
 * What the file held and how it was split.
 *
 * @param testEnd purchases from then on were ignored; null for none
 * @param lines lines of the file after the header
 * @param outcomes how many lines the cleaning turned into each {@link LineOutcome}
 * @param trainingPurchaseLines purchase lines before the split
 * @param testPurchaseLines purchase lines from the split on (of every customer)
 * @param users customers with at least one training purchase
 * @param catalogueItems items bought in training: what can be recommended
 * @param trainingInteractions distinct (customer, item) pairs in training
 * @param testUsers users who also bought in the test period: evaluated in {@link Mode#ALL_ITEMS}
 * @param testUsersWithNewItems test users who bought an item in the test period that they had not
 *     bought in training: evaluated in {@link Mode#NEW_ITEMS}
 * @param coldTestCustomers customers who bought in the test period only: not evaluated
 * @param testOnlyItems items first bought in the test period: in the ground truth, never
 *     recommendable
 * @param truthItems sum over test users of their distinct test items
 * @param truthNewItems the same, without items bought in training
 * @param firstTrainingMillis the time of the earliest training purchase
 */
public record SplitSummary(
    Instant splitAt,
    @Nullable Instant testEnd,
    long lines,
    Map<LineOutcome, Long> outcomes,
    long trainingPurchaseLines,
    long testPurchaseLines,
    int users,
    int catalogueItems,
    long trainingInteractions,
    int testUsers,
    int testUsersWithNewItems,
    int coldTestCustomers,
    int testOnlyItems,
    long truthItems,
    long truthNewItems,
    long firstTrainingMillis) {}
