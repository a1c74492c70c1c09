package io.affinity.campaigns.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.tracking.TrackingToken.Purpose;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each signed token has exactly one spelling: padding, changed unused bits of a last character or
 * any other changed character is refused, for tracking and for confirmation tokens alike.
 */
class TokenSpellingTest {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private final TokenSigner signer =
      new TokenSigner("a-test-key-of-32-bytes-..........".getBytes(StandardCharsets.UTF_8));

  @Test
  void aTrackingTokenWithPaddingChangedBitsOrAnyChangedCharacterIsRefused() {
    // Items of several lengths, so that both parts end with 2 and 4 unused bits in some token.
    for (String item : List.of("SKU.7/b", "SKU.7/bc", "SKU.7/bcd", "p")) {
      TrackingToken click = new TrackingToken(Purpose.CLICK, 42, 1001, item, "rec3");
      String signed = signer.sign(click);
      assertThat(signer.verify(signed)).contains(click);
      assertAllRefused(signed, s -> signer.verify(s).isPresent());
    }
  }

  @Test
  void aConfirmationTokenWithPaddingChangedBitsOrAnyChangedCharacterIsRefused() {
    for (String body : List.of("17.1700000000", "17.17000000001", "17.170000000012")) {
      String signed = signer.signConfirmation(body);
      assertThat(signer.verifyConfirmation(signed)).contains(body);
      assertAllRefused(signed, s -> signer.verifyConfirmation(s).isPresent());
    }
  }

  @Test
  void theTestedTokensEndWithUnusedBitsInBothParts() {
    // Guards the tests above: a part of length 4n has no unused bits to change.
    List<Integer> remainders = new ArrayList<>();
    for (String item : List.of("SKU.7/b", "SKU.7/bc", "SKU.7/bcd", "p")) {
      String signed = signer.sign(new TrackingToken(Purpose.CLICK, 42, 1001, item, "rec3"));
      remainders.add(signed.indexOf('.') % 4);
    }
    assertThat(remainders).contains(2, 3);
    String mac = signer.sign(new TrackingToken(Purpose.OPEN, 1, 1, null, null)).split("\\.")[1];
    assertThat(mac.length() % 4).as("16 MAC bytes: 22 characters, 4 unused bits").isEqualTo(2);
  }

  private static void assertAllRefused(String signed, Function<String, Boolean> accepted) {
    List<String> variants = variants(signed);
    assertThat(variants).hasSizeGreaterThan(signed.length() * 60);
    for (String v : variants) {
      assertThat(accepted.apply(v)).as("variant %s of %s", v, signed).isFalse();
    }
  }

  /** Every spelling of {@code signed} a lenient decoder might take, and every one-char change. */
  private static List<String> variants(String signed) {
    List<String> out = new ArrayList<>();
    int dot = signed.indexOf('.');
    String payload = signed.substring(0, dot);
    String mac = signed.substring(dot + 1);
    for (String pad : List.of("=", "==", "===")) {
      out.add(payload + pad + "." + mac);
      out.add(payload + "." + mac + pad);
    }
    for (String p : lastCharacterBitVariants(payload)) {
      out.add(p + "." + mac);
    }
    for (String m : lastCharacterBitVariants(mac)) {
      out.add(payload + "." + m);
    }
    String others = ALPHABET + ".=+/ %";
    for (int i = 0; i < signed.length(); i++) {
      for (char c : others.toCharArray()) {
        if (c != signed.charAt(i)) {
          out.add(signed.substring(0, i) + c + signed.substring(i + 1));
        }
      }
    }
    return out;
  }

  /** {@code part} with the unused low bits of its last character set otherwise (if it has any). */
  private static List<String> lastCharacterBitVariants(String part) {
    int unused =
        switch (part.length() % 4) {
          case 2 -> 4;
          case 3 -> 2;
          default -> 0;
        };
    List<String> out = new ArrayList<>();
    char last = part.charAt(part.length() - 1);
    int value = ALPHABET.indexOf(last);
    for (int low = 1; low < (1 << unused); low++) {
      char changed = ALPHABET.charAt(value ^ low);
      out.add(part.substring(0, part.length() - 1) + changed);
    }
    if (unused > 0) {
      assertThat(out).hasSize((1 << unused) - 1);
    }
    return out;
  }
}
