package io.affinity.recommender.training;

/**
 * Training data up to a cutoff and the purchases made after it, for checking a model on what it
 * could not have seen.
 *
 * @param training the interactions before the cutoff
 * @param heldOut the purchases after it as {@code (user << 32) | item}, sorted, in the training
 *     data's index space (an item first bought after the cutoff has an index but no interactions)
 */
public record HoldoutSet(TrainingSet training, long[] heldOut) {}
