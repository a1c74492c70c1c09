package io.affinity.recommender.model;

import io.affinity.recommender.evaluation.HoldoutCheck;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A registered model: its version, the data it was trained on, its size and training time.
 *
 * @param signals the behaviours in its training data (purchase, view, cart, click); a signal yields
 *     indicators only where it correlates with purchases
 * @param metrics the holdout check of the training run, when one was made (see {@link
 *     HoldoutCheck})
 * @param status {@code active} (servable) or {@code retired} (its files were removed)
 */
@Serdeable
public record ModelInfo(
    long version,
    Instant createdAt,
    Instant dataFrom,
    Instant dataTo,
    long events,
    int users,
    int items,
    long indicators,
    List<String> signals,
    long trainingMillis,
    @Nullable HoldoutCheck.Result metrics,
    String path,
    String status) {}
