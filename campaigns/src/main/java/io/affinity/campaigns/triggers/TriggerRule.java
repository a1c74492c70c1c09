package io.affinity.campaigns.triggers;

/**
 * A trigger with what evaluation needs beyond its API view.
 *
 * @param trigger the trigger
 * @param productKey our id of the condition's product, or null
 * @param seed the seed of the holdout draw, the same for all the trigger's campaigns so that a
 *     household stays in one arm
 */
public record TriggerRule(Trigger trigger, Long productKey, long seed) {}
