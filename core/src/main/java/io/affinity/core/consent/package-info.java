/**
 * Consent: an append-only ledger of what each person said about marketing mail (for all of a
 * channel or one topic), the current state derived from it, and the suppression list of addresses
 * never mailed again, kept as keyed hashes so that it survives erasure. Withdrawal wins: a grant
 * from a sync or an import never undoes an unsubscribe, a complaint or a hard bounce; only a double
 * opt-in or an admin with a reason does.
 */
package io.affinity.core.consent;
