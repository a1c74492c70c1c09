package io.affinity.recommender.evaluation;

import java.util.Map;

/**
 * One algorithm's evaluation.
 *
 * @param trainingMillis wall time of {@link Algorithm#train}
 * @param evaluationMillis wall time of answering every query of both modes
 * @param queries recommendation calls made
 * @param baselineHeapBytes heap in use after a full collection before training: mostly the split,
 *     the same for everyone
 * @param peakTrainingHeapBytes peak heap during training (see {@link HeapMeter})
 * @param retainedHeapBytes heap still in use after training and a full collection, minus the
 *     baseline: roughly the size of the trained model in memory
 * @param peakHeapBytes peak heap during training and evaluation
 */
public record AlgorithmResult(
    String name,
    String description,
    long trainingMillis,
    long evaluationMillis,
    long queries,
    long baselineHeapBytes,
    long peakTrainingHeapBytes,
    long retainedHeapBytes,
    long peakHeapBytes,
    Map<Mode, ModeResult> modes) {}
