package io.affinity.campaigns.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.tracking.TokenSigner;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** VERP return paths: the token names its recipient row and cannot be forged. */
class ReturnPathsTest {
  private final TokenSigner signer =
      new TokenSigner("a key of the tests, 32 bytes long".getBytes(StandardCharsets.UTF_8));
  private final ReturnPaths paths = new ReturnPaths("bounces@shop.example", signer);

  @Test
  void theAddressOfARecipientRoundTripsToItsRow() {
    String address = paths.address(12345);

    assertThat(address).matches("bounces\\+12345-[0-9a-f]{12}@shop\\.example");
    assertThat(ReturnPaths.tokenIn(address)).isEqualTo(paths.token(12345));
    assertThat(paths.recipientOf(ReturnPaths.tokenIn(address))).hasValue(12345);
    // Mail systems may change the case of a local part.
    assertThat(paths.recipientOf(ReturnPaths.tokenIn(address.toUpperCase(Locale.ROOT))))
        .hasValue(12345);
    assertThat(ReturnPaths.tokenIn("Bounce <" + address + ">")).isEqualTo(paths.token(12345));
  }

  @Test
  void aChangedCharacterOfTheTokenIsRefused() {
    String token = paths.token(12345);
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '-') {
        continue;
      }
      char other =
          Character.isDigit(c)
              ? (c == '9' ? '0' : (char) (c + 1))
              : (c == 'f' ? 'a' : (char) (c + 1));
      String changed = token.substring(0, i) + other + token.substring(i + 1);
      assertThat(paths.recipientOf(changed)).as(changed).isEmpty();
    }
    assertThat(paths.recipientOf("12346-" + token.substring(token.indexOf('-') + 1))).isEmpty();
    assertThat(paths.recipientOf(null)).isEmpty();
    assertThat(paths.recipientOf("garbage")).isEmpty();
  }

  @Test
  void onlyTheCanonicalSpellingOfATokenIsAccepted() {
    String token = paths.token(12345);
    String mac = token.substring(token.indexOf('-') + 1);
    assertThat(paths.recipientOf(token)).hasValue(12345);
    assertThat(paths.recipientOf("012345-" + mac)).as("leading zero").isEmpty();
    assertThat(paths.recipientOf(" " + token)).as("space").isEmpty();
    assertThat(paths.recipientOf(token + "\n")).as("newline").isEmpty();
    assertThat(paths.recipientOf("+12345-" + mac)).as("sign").isEmpty();
    String upper = token.toUpperCase(Locale.ROOT);
    if (!upper.equals(token)) {
      assertThat(paths.recipientOf(upper)).as("upper case").isEmpty();
    }
    // Every single changed character, whatever it becomes.
    String others = "0123456789abcdefABCDEF-+ _.x";
    for (int i = 0; i < token.length(); i++) {
      for (char c : others.toCharArray()) {
        if (c != token.charAt(i)) {
          String changed = token.substring(0, i) + c + token.substring(i + 1);
          assertThat(paths.recipientOf(changed)).as(changed).isEmpty();
        }
      }
    }
  }

  @Test
  void anotherKeyDoesNotAcceptTheToken() {
    ReturnPaths other =
        new ReturnPaths(
            "bounces@shop.example",
            new TokenSigner("another key of the tests, 32 byte".getBytes(StandardCharsets.UTF_8)));

    assertThat(other.recipientOf(paths.token(7))).isEmpty();
  }

  @Test
  void withoutAReturnPathThereIsNoVerpAddress() {
    ReturnPaths off = new ReturnPaths((String) null, signer);

    assertThat(off.isEnabled()).isFalse();
    assertThat(off.address(1)).isNull();
    // Tokens of mail sent before still verify.
    assertThat(off.recipientOf(paths.token(1))).hasValue(1);
  }
}
