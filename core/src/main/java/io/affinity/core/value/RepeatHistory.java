package io.affinity.core.value;

/**
 * A customer's buying history as the models see it.
 *
 * @param x repeat transactions (transactions after the first)
 * @param tx time of the last transaction since the first, in days
 * @param bigT time from the first transaction to the end of observation, in days
 * @param meanValue net revenue per transaction, for Gamma-Gamma
 */
public record RepeatHistory(int x, double tx, double bigT, double meanValue) {}
