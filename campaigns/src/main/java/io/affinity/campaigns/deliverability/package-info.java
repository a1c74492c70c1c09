/**
 * Deliverability: what happens to a message after the SMTP server accepted it. Late hard and soft
 * bounces, complaints and deliveries arrive as provider webhooks or as DSN (RFC 3464) and ARF (RFC
 * 5965) reports in the bounce mailbox; each becomes a {@link
 * io.affinity.campaigns.deliverability.DeliveryReport}, is matched to its campaign recipient (VERP
 * return path, our Message-ID, else the address) and recorded: hard bounces and complaints suppress
 * the address and withdraw consent in the ledger at once, soft bounces after too many in a window.
 */
package io.affinity.campaigns.deliverability;
