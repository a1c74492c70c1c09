package io.affinity.service.api.hostile;

/**
 * One generated request body or query: what was done to a valid one, and the bytes to send.
 *
 * @param label what the mutation did, for the failure report
 * @param body the bytes (a query string for GET endpoints)
 */
record Hostile(String label, byte[] body) {}
