/**
 * Test sends: a campaign's or a template's message rendered exactly as one customer would get it,
 * mailed to an address the marketer gives with {@code [TEST]} before the subject, and without any
 * effect: preview links that record nothing, no offer exposure, no ledger entry, no recipient row.
 */
package io.affinity.campaigns.testsend;
