package io.affinity.service.api.lift;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived signed links to a campaign's HTML report: {@code
 * /reports/campaigns/{id}?expires=<epoch seconds>&signature=<HMAC-SHA256 of "id:expires">}. A link
 * names one campaign and one expiry, so it cannot be altered to open another report or to live
 * longer, and the HMAC comparison takes constant time.
 */
@Singleton
public class ReportLinks {
  /** The smallest configured secret accepted. */
  public static final int MIN_SECRET = 32;

  /**
   * A link to a report.
   *
   * @param url the path and query to open (relative to the service's address)
   * @param expiresAt when it stops working
   */
  @Serdeable
  public record Link(String url, Instant expiresAt) {}

  private final byte[] key;
  private final ReportLinkProperties properties;

  public ReportLinks(ReportLinkProperties properties) {
    this.properties = properties;
    String secret = properties.getLinkSecret();
    if (secret == null || secret.isEmpty()) {
      key = new byte[32];
      new SecureRandom().nextBytes(key);
    } else if (secret.length() < MIN_SECRET) {
      throw new ConfigurationException(
          ReportLinkProperties.PREFIX
              + ".link-secret must be at least "
              + MIN_SECRET
              + " characters");
    } else {
      key = secret.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** A link to campaign {@code id}'s report, valid for the configured time. */
  public Link create(long id) {
    long expires = Instant.now().plus(properties.getLinkTtl()).getEpochSecond();
    return new Link(
        "/reports/campaigns/" + id + "?expires=" + expires + "&signature=" + sign(id, expires),
        Instant.ofEpochSecond(expires));
  }

  /**
   * Whether {@code signature} signs campaign {@code id} until {@code expires}, still in the future.
   */
  public boolean accepts(long id, long expires, String signature) {
    if (signature == null || Instant.now().getEpochSecond() > expires) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(id, expires).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  private String sign(long id, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal((id + ":" + expires).getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
