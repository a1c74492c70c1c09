/**
 * The campaign send benchmark: personalised e-mails rendered and handed to a local SMTP server
 * (Postfix's smtp-sink) through the real delivery engine, against a raw SMTP baseline.
 */
package io.affinity.bench.campaign;
