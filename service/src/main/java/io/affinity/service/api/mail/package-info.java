/**
 * How the API reports single messages that could not be sent (confirmations, test sends): sending
 * not configured (409), the SMTP server refusing for good (422) or for now (503).
 */
package io.affinity.service.api.mail;
