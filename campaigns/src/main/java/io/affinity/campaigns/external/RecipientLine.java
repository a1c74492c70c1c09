package io.affinity.campaigns.external;

/**
 * One data line of a recipient CSV.
 *
 * @param line its line number in the file (the header is line 1)
 * @param customerId the shop's id of the customer
 * @param arm {@code control} or a variant name
 */
record RecipientLine(long line, String customerId, String arm) {}
