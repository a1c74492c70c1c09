package io.affinity.campaigns.delivery;

import io.affinity.campaigns.tracking.TokenSigner;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VERP return paths: with {@code affinity.mail.return-path} set to {@code bounces@shop.example},
 * the message to recipient row 123 is sent with the envelope sender {@code
 * bounces+123-<mac>@shop.example}, where the MAC is the first 12 hex digits of an HMAC of the row
 * id under the tracking key. A DSN comes back to that address, so it names its recipient even when
 * it quotes nothing of the original message; the MAC keeps anyone from forging bounces for other
 * rows. Hex, because some mail systems lower-case local parts.
 *
 * <p>A token has one spelling: the row id in decimal without leading zeros, a dash, the MAC in
 * lower-case hex. {@link #tokenIn} folds the case of what it finds in an address (a mail system may
 * have changed it); {@link #recipientOf} accepts the canonical spelling only, so that no two
 * strings name the same row (as with the tracking tokens, docs/templates.md).
 */
@Singleton
public class ReturnPaths {
  private static final int MAC_CHARS = 12;
  private static final Pattern TOKEN =
      Pattern.compile("(0|[1-9]\\d{0,18})-([0-9a-f]{" + MAC_CHARS + "})");
  // The token after the last '+' of the local part, whatever the bounce address is now: a change of
  // configuration must not orphan the bounces of mail already sent.
  private static final Pattern IN_ADDRESS =
      Pattern.compile("\\+(\\d{1,19}-[0-9a-f]{" + MAC_CHARS + "})@", Pattern.CASE_INSENSITIVE);

  private final String local;
  private final String domain;
  private final TokenSigner signer;

  @Inject
  public ReturnPaths(MailConfiguration config, TokenSigner signer) {
    this(config.getReturnPath(), signer);
  }

  /** Return paths under {@code returnPath} (null: no VERP), signed with {@code signer}. */
  public ReturnPaths(@Nullable String returnPath, TokenSigner signer) {
    this.signer = signer;
    if (returnPath == null || returnPath.isBlank()) {
      this.local = null;
      this.domain = null;
    } else {
      int at = returnPath.trim().lastIndexOf('@');
      this.local = returnPath.trim().substring(0, at);
      this.domain = returnPath.trim().substring(at + 1);
    }
  }

  /** Whether a return path is configured, so that messages carry VERP envelope senders. */
  public boolean isEnabled() {
    return local != null;
  }

  /** The envelope sender of the message to recipient row {@code recipientId}, or null if off. */
  public @Nullable String address(long recipientId) {
    return isEnabled() ? local + "+" + token(recipientId) + "@" + domain : null;
  }

  /** The signed token naming recipient row {@code recipientId}. */
  public String token(long recipientId) {
    return recipientId + "-" + mac(recipientId);
  }

  /** The token in {@code address} if it is a VERP address of ours (signed or not), else null. */
  public static @Nullable String tokenIn(@Nullable String address) {
    if (address == null) {
      return null;
    }
    Matcher m = IN_ADDRESS.matcher(address);
    String found = null;
    while (m.find()) {
      found = m.group(1).toLowerCase(Locale.ROOT);
    }
    return found;
  }

  /**
   * The recipient row {@code token} names, if it is spelled canonically (as {@link #token} makes
   * it) and its MAC is right.
   */
  public OptionalLong recipientOf(@Nullable String token) {
    if (token == null) {
      return OptionalLong.empty();
    }
    Matcher m = TOKEN.matcher(token);
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    long id;
    try {
      id = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
    // Constant time, so that the MAC cannot be found digit by digit from response times.
    boolean right =
        MessageDigest.isEqual(
            mac(id).getBytes(StandardCharsets.US_ASCII),
            m.group(2).getBytes(StandardCharsets.US_ASCII));
    return right ? OptionalLong.of(id) : OptionalLong.empty();
  }

  private String mac(long recipientId) {
    return signer.hash("verp:" + recipientId).substring(0, MAC_CHARS);
  }
}
