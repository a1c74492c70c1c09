/**
 * The deliverability webhook: {@code POST /api/deliverability/events} takes bounces, complaints and
 * deliveries in a documented generic JSON, as Amazon SES notifications through SNS, or as Postmark
 * or Mailgun webhooks, and records them through {@link
 * io.affinity.campaigns.deliverability.DeliverabilityRecorder}. The bounce mailbox poller is
 * started here with the HTTP service.
 */
package io.affinity.service.api.deliverability;
