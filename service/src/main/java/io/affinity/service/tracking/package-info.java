/**
 * The public tracking endpoints under {@code /t} (no API key: mail clients follow them): the open
 * pixel, click redirects, and the unsubscribe link: RFC 8058 one-click unsubscribe and a preference
 * centre (leave a topic, receive less often, unsubscribe from everything).
 */
package io.affinity.service.tracking;
