/**
 * The public tracking endpoints under {@code /t} (no API key: mail clients follow them): the open
 * pixel, click redirects and the unsubscribe page with RFC 8058 one-click unsubscribe.
 */
package io.affinity.service.tracking;
