package io.affinity.campaigns.tracking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes tracking tokens as {@code base64url(payload).base64url(mac)}, the MAC being the first 16
 * bytes of HMAC-SHA256 over the payload. The payload is {@code
 * purpose.campaign.recipient.slot.item} (the item last, since product ids may contain dots). Any
 * change to any byte fails {@link #verify}; tokens cannot be made without the key.
 *
 * <p>Each token has exactly one spelling: base64url without padding, with the unused low bits of
 * the last character zero. A decoder alone would also take {@code =} padding and changed unused
 * bits (several strings, one payload); {@link #payload} re-encodes what it decoded and refuses a
 * token that is not spelled exactly so, which is what docs/templates.md promises.
 *
 * <p>Double opt-in confirmation links are signed with the same key as a purpose of their own,
 * {@value #CONFIRMATION}: their payload is {@code k.<body>}, which {@link #verify} refuses (no
 * tracking purpose has that letter) and a tracking token's payload cannot pass {@link
 * #verifyConfirmation}.
 */
public final class TokenSigner {
  /** The payload letter of a confirmation token; no {@link TrackingToken.Purpose} uses it. */
  public static final char CONFIRMATION = 'k';

  static {
    if (TrackingToken.Purpose.of(CONFIRMATION) != null) {
      throw new IllegalStateException("the confirmation letter is taken by a tracking purpose");
    }
  }

  private static final int MAC_BYTES = 16;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final ThreadLocal<Mac> macs;

  /** A signer with key {@code key} (at least 16 bytes). */
  public TokenSigner(byte[] key) {
    if (key.length < 16) {
      throw new IllegalArgumentException("the key must have at least 16 bytes, got " + key.length);
    }
    SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
    // Mac is not thread-safe and getInstance is slow: one per thread.
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
              }
            });
  }

  /** The signed token of {@code token}. */
  public String sign(TrackingToken token) {
    String payload =
        token.purpose().code()
            + "."
            + token.campaignId()
            + "."
            + token.recipientId()
            + "."
            + (token.slot() == null ? "" : token.slot())
            + "."
            + (token.itemId() == null ? "" : token.itemId());
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
  }

  /** The token {@code signed} carries, if it is well formed and its MAC is right. */
  public Optional<TrackingToken> verify(String signed) {
    return payload(signed).flatMap(TokenSigner::parse);
  }

  /** The signed token of a confirmation link carrying {@code body}, which the caller defines. */
  public String signConfirmation(String body) {
    byte[] bytes = (CONFIRMATION + "." + body).getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
  }

  /** The body of confirmation token {@code signed}, if it is well formed and its MAC is right. */
  public Optional<String> verifyConfirmation(String signed) {
    return payload(signed)
        .filter(p -> p.length() > 2 && p.charAt(0) == CONFIRMATION && p.charAt(1) == '.')
        .map(p -> p.substring(2));
  }

  /** The payload of {@code signed} if its MAC is right. */
  private Optional<String> payload(String signed) {
    if (signed == null || signed.length() > 1000) {
      return Optional.empty();
    }
    int dot = signed.indexOf('.');
    if (dot <= 0 || dot != signed.lastIndexOf('.')) {
      return Optional.empty();
    }
    byte[] payload = canonical(signed.substring(0, dot));
    byte[] given = canonical(signed.substring(dot + 1));
    if (payload == null || given == null) {
      return Optional.empty();
    }
    // Constant time, so that the MAC cannot be guessed byte by byte from response times.
    if (!MessageDigest.isEqual(mac(payload), given)) {
      return Optional.empty();
    }
    return Optional.of(new String(payload, StandardCharsets.UTF_8));
  }

  /**
   * The bytes {@code text} encodes if it is their one canonical spelling (no padding, zero unused
   * bits), else null.
   */
  private static byte[] canonical(String text) {
    byte[] bytes;
    try {
      bytes = DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return ENCODER.encodeToString(bytes).equals(text) ? bytes : null;
  }

  private static Optional<TrackingToken> parse(String payload) {
    String[] parts = payload.split("\\.", 5);
    if (parts.length != 5 || parts[0].length() != 1) {
      return Optional.empty();
    }
    TrackingToken.Purpose purpose = TrackingToken.Purpose.of(parts[0].charAt(0));
    if (purpose == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new TrackingToken(
              purpose,
              Long.parseLong(parts[1]),
              Long.parseLong(parts[2]),
              parts[4].isEmpty() ? null : parts[4],
              parts[3].isEmpty() ? null : parts[3]));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // signed by us, so only a key shared with another format lands here
    }
  }

  /**
   * A keyed hash of {@code value} (hex, 32 characters), for storing IP addresses that cannot be
   * recovered by hashing every address. Domain-separated from tokens by its prefix.
   */
  public String hash(String value) {
    return java.util.HexFormat.of().formatHex(mac(("h:" + value).getBytes(StandardCharsets.UTF_8)));
  }

  private byte[] mac(byte[] payload) {
    return Arrays.copyOf(macs.get().doFinal(payload), MAC_BYTES);
  }
}
