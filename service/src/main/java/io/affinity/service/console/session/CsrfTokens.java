package io.affinity.service.console.session;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.csrf.generator.CsrfHmacTokenGenerator;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The console's CSRF tokens, in the form Micronaut Security's validator checks: {@code
 * hmac.random}, the HMAC (SHA-256) binding the random value to the session id. The key is made at
 * start and never leaves the process: sessions live in memory, so tokens need outlive neither.
 * Replaces Security's own generator, which would read the session id from Micronaut Session.
 */
@Singleton
@Replaces(CsrfHmacTokenGenerator.class)
public class CsrfTokens implements CsrfHmacTokenGenerator<HttpRequest<?>> {
  private final SecureRandom random = new SecureRandom();
  private final byte[] key = new byte[32];
  private final SessionCookies cookies;

  public CsrfTokens(SessionCookies cookies) {
    this.cookies = cookies;
    random.nextBytes(key);
  }

  /** A new token for session {@code sessionId}. */
  public String tokenFor(String sessionId) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return hmac(sessionId, value) + HMAC_RANDOM_SEPARATOR + value;
  }

  @Override
  public String generateCsrfToken(HttpRequest<?> request) {
    return tokenFor(cookies.idOf(request).orElse(""));
  }

  @Override
  public String hmac(HttpRequest<?> request, String randomValue) {
    return hmac(cookies.idOf(request).orElse(""), randomValue);
  }

  private String hmac(String sessionId, String randomValue) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal((sessionId + "!" + randomValue).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
