/**
 * Delivery: workers claim batches of recipients (committed before anything is sent), check consent,
 * the hashed suppression list, the campaign's topic and then the frequency cap, render each message
 * through the composer, and send it over pooled SMTP connections under a token-bucket rate limit.
 * At most once per recipient: a claim whose worker died is reported ambiguous, never resent. A hard
 * bounce suppresses the address and withdraws consent in the ledger, with the recipient's outcome.
 * A template that fails (a render limit stops it within its time) fails its recipient and frees the
 * thread; a campaign whose template fails for most of its first recipients pauses itself with the
 * reason ({@link io.affinity.campaigns.delivery.TemplateFailureBrake}).
 */
package io.affinity.campaigns.delivery;
