package io.affinity.campaigns.compose;

/**
 * A rendered message, ready to be wrapped in MIME. Delivery puts {@code unsubscribeUrl} into the
 * {@code List-Unsubscribe} header with {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}
 * (RFC 8058), and rejects any header value carrying CR or LF.
 *
 * @param to the recipient's address
 * @param toName the recipient's display name, or null
 * @param subject the rendered subject line
 * @param html the HTML part
 * @param text the plain-text part
 * @param unsubscribeUrl the signed one-click unsubscribe link
 */
public record ComposedMessage(
    String to, String toName, String subject, String html, String text, String unsubscribeUrl) {}
