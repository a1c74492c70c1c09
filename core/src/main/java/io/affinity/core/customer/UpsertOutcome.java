package io.affinity.core.customer;

import java.util.List;

/**
 * What an upsert of customers did: how many were new, and what was not applied as sent.
 *
 * @param created customers that were new
 * @param warnings one per statement stored otherwise than sent, in the order of the input
 */
public record UpsertOutcome(int created, List<UpsertWarning> warnings) {}
