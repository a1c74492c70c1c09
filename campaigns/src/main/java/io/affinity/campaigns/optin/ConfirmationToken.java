package io.affinity.campaigns.optin;

import io.affinity.campaigns.tracking.TokenSigner;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a confirmation link says: which request it answers, the customer, the address it was mailed
 * to (the first 16 hex digits of its keyed hash) and until when it works. Signed with the tracking
 * key as a purpose of its own ({@link TokenSigner#signConfirmation}), so it can be neither forged
 * nor altered, nor mistaken for a tracking link.
 *
 * @param confirmationId the {@code consent_confirmations} row
 * @param customerId our id of the customer
 * @param expiresAtSeconds the end of its validity, epoch seconds
 * @param addressKey the first 16 hex digits of the address's keyed hash
 */
public record ConfirmationToken(
    long confirmationId, long customerId, long expiresAtSeconds, String addressKey) {
  /** The hex digits of the address hash a token carries. */
  public static final int ADDRESS_KEY_LENGTH = 16;

  private static final Pattern BODY =
      Pattern.compile("\\d{1,19}\\.\\d{1,19}\\.\\d{1,19}\\.[0-9a-f]{16}");

  /** The key of an address whose keyed hash is {@code addressHash}. */
  public static String addressKey(String addressHash) {
    return addressHash.substring(0, ADDRESS_KEY_LENGTH);
  }

  /** The signed token, for the link's path. */
  public String sign(TokenSigner signer) {
    return signer.signConfirmation(
        confirmationId + "." + customerId + "." + expiresAtSeconds + "." + addressKey);
  }

  /** The token {@code signed} carries, if its signature is right (expired or not). */
  public static Optional<ConfirmationToken> verify(TokenSigner signer, String signed) {
    return signer
        .verifyConfirmation(signed)
        .filter(body -> BODY.matcher(body).matches())
        .flatMap(
            body -> {
              String[] p = body.split("\\.");
              try {
                return Optional.of(
                    new ConfirmationToken(
                        Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]), p[3]));
              } catch (NumberFormatException e) {
                return Optional.empty(); // 19 digits beyond Long.MAX_VALUE
              }
            });
  }

  /** Whether the link no longer works at {@code nowMillis}. */
  public boolean expired(long nowMillis) {
    return nowMillis / 1000 >= expiresAtSeconds;
  }
}
