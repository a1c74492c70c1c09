/**
 * Delivery: workers claim batches of recipients (committed before anything is sent), check consent
 * and suppressions, render each message through the composer, and send it over pooled SMTP
 * connections under a token-bucket rate limit. At most once per recipient: a claim whose worker
 * died is reported ambiguous, never resent.
 */
package io.affinity.campaigns.delivery;
