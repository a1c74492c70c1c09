/**
 * The audit log: an append-only record of who (which API key, later which console user) erased,
 * exported or re-subscribed whom, and when. Customers are named by a keyed hash of the shop's id so
 * that the log itself holds no personal data once a person is erased.
 */
package io.affinity.core.audit;
