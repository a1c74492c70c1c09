/**
 * Single messages sent at once, outside any campaign: double opt-in confirmations and test sends.
 * They go through the same MIME builder and SMTP settings as campaigns, from the configured sender
 * ({@code affinity.mail.sender}) unless the caller names one.
 */
package io.affinity.campaigns.singlemail;
