package io.affinity.core.consent;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash under which an address is suppressed: HMAC-SHA-256 of the trimmed, lower-cased
 * address. Without the key the hashes cannot be tested against a list of addresses; with it the
 * service can still recognise an erased person's address when it comes back.
 */
public final class AddressHasher {
  private static final String ALGORITHM = "HmacSHA256";

  private final Mac prototype;

  /** A hasher with {@code key}. */
  public AddressHasher(byte[] key) {
    try {
      prototype = Mac.getInstance(ALGORITHM);
      prototype.init(new SecretKeySpec(key, ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
  }

  /** The form addresses are compared in: trimmed and lower case. */
  public static String normalise(String address) {
    return address.trim().toLowerCase(Locale.ROOT);
  }

  /** The 64 hex digits of the keyed hash of {@code address} (normalised first). */
  public String hash(String address) {
    Mac mac;
    try {
      mac = (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("The HMAC cannot be cloned", e);
    }
    return HexFormat.of()
        .formatHex(mac.doFinal(normalise(address).getBytes(StandardCharsets.UTF_8)));
  }
}
