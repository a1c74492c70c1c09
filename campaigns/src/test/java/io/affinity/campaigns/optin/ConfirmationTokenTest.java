package io.affinity.campaigns.optin;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.tracking.TokenSigner;
import io.affinity.campaigns.tracking.TrackingToken;
import io.affinity.campaigns.tracking.TrackingToken.Purpose;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConfirmationTokenTest {
  private final TokenSigner signer =
      new TokenSigner("a key of at least sixteen bytes".getBytes(StandardCharsets.UTF_8));
  private final ConfirmationToken token =
      new ConfirmationToken(42, 7, 1_900_000_000L, "0123456789abcdef");

  @Test
  void aSignedTokenReadsBackAsItWasWritten() {
    assertThat(ConfirmationToken.verify(signer, token.sign(signer))).contains(token);
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() {
    TokenSigner other =
        new TokenSigner("another key, also sixteen bytes".getBytes(StandardCharsets.UTF_8));
    assertThat(ConfirmationToken.verify(signer, token.sign(other))).isEmpty();
  }

  @Test
  void confirmationAndTrackingTokensCannotStandInForEachOther() {
    String tracking = signer.sign(new TrackingToken(Purpose.UNSUBSCRIBE, 42, 7, null, null));
    assertThat(ConfirmationToken.verify(signer, tracking)).isEmpty();
    assertThat(signer.verifyConfirmation(tracking)).isEmpty();
    assertThat(signer.verify(token.sign(signer))).isEmpty();
  }

  @Test
  void aBodyOfAnotherShapeIsRefusedEvenWhenSigned() {
    assertThat(ConfirmationToken.verify(signer, signer.signConfirmation("42.7.1900000000")))
        .isEmpty();
    assertThat(
            ConfirmationToken.verify(
                signer, signer.signConfirmation("42.7.1900000000.0123456789ABCDEF")))
        .isEmpty();
    assertThat(
            ConfirmationToken.verify(
                signer, signer.signConfirmation("99999999999999999999.7.1.0123456789abcdef")))
        .isEmpty();
  }

  @Test
  void aTokenExpiresAtItsSecond() {
    assertThat(token.expired(1_899_999_999_999L)).isFalse();
    assertThat(token.expired(1_900_000_000_000L)).isTrue();
  }
}
