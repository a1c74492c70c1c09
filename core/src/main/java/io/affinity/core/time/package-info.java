/**
 * The service's one clock: every "days since" (segments' recency, the customer view's recency,
 * buy-again) counts to its now, and tests replace it with a fixed one.
 */
package io.affinity.core.time;
