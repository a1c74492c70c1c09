package io.affinity.campaigns.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.tracking.TrackingToken.Purpose;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Signed tokens: what is signed comes back, and any change to any field is refused. */
class TokenSignerTest {
  private static final byte[] KEY =
      "a-test-key-of-32-bytes-..........".getBytes(StandardCharsets.UTF_8);
  private final TokenSigner signer = new TokenSigner(KEY);
  private final TrackingToken click = new TrackingToken(Purpose.CLICK, 42, 1001, "SKU.7/b", "rec3");

  @Test
  void aSignedTokenVerifiesToWhatWasSigned() {
    String signed = signer.sign(click);
    assertThat(signed).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    assertThat(signer.verify(signed)).contains(click);
    TrackingToken open = new TrackingToken(Purpose.OPEN, 42, 1001, null, null);
    assertThat(signer.verify(signer.sign(open))).contains(open);
  }

  /** The payload with one field replaced, re-encoded but keeping the original MAC. */
  private String forged(String signed, int field, String value) {
    int dot = signed.indexOf('.');
    String payload =
        new String(Base64.getUrlDecoder().decode(signed.substring(0, dot)), StandardCharsets.UTF_8);
    String[] parts = payload.split("\\.", 5);
    parts[field] = value;
    String changed = String.join(".", parts);
    return Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(changed.getBytes(StandardCharsets.UTF_8))
        + signed.substring(dot);
  }

  @Test
  void changingAnyFieldBreaksTheSignature() {
    String signed = signer.sign(click);
    assertThat(signer.verify(forged(signed, 0, "u"))).as("purpose").isEmpty();
    assertThat(signer.verify(forged(signed, 1, "43"))).as("campaign").isEmpty();
    assertThat(signer.verify(forged(signed, 2, "1002"))).as("recipient").isEmpty();
    assertThat(signer.verify(forged(signed, 3, "rec1"))).as("slot").isEmpty();
    assertThat(signer.verify(forged(signed, 4, "SKU.8/b"))).as("item").isEmpty();
    // the unchanged payload re-encoded the same way still verifies: the test itself is sound
    assertThat(signer.verify(forged(signed, 1, "42"))).contains(click);
  }

  @Test
  void aChangedMacOrGarbageIsRefused() {
    String signed = signer.sign(click);
    char last = signed.charAt(signed.length() - 1);
    String flipped = signed.substring(0, signed.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThat(signer.verify(flipped)).isEmpty();
    assertThat(signer.verify(signed.substring(0, signed.indexOf('.')))).isEmpty();
    assertThat(signer.verify("")).isEmpty();
    assertThat(signer.verify("....")).isEmpty();
    assertThat(signer.verify("%%%.%%%")).isEmpty();
    assertThat(signer.verify(null)).isEmpty();
  }

  @Test
  void anotherKeysTokenIsRefused() {
    TokenSigner other =
        new TokenSigner("another-key-of-enough-length-000".getBytes(StandardCharsets.UTF_8));
    assertThat(signer.verify(other.sign(click))).isEmpty();
  }

  @Test
  void theIpHashIsKeyedAndStable() {
    assertThat(signer.hash("10.0.0.1")).isEqualTo(signer.hash("10.0.0.1")).hasSize(32);
    assertThat(signer.hash("10.0.0.1")).isNotEqualTo(signer.hash("10.0.0.2"));
    TokenSigner other =
        new TokenSigner("another-key-of-enough-length-000".getBytes(StandardCharsets.UTF_8));
    assertThat(other.hash("10.0.0.1")).isNotEqualTo(signer.hash("10.0.0.1"));
  }
}
