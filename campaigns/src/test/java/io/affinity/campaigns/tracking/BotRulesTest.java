package io.affinity.campaigns.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which hits count as probable bots. */
class BotRulesTest {
  private static final String FIREFOX =
      "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
  private final BotRules rules = new BotRules(BotRules.DEFAULT_SCANNER_PATTERNS, 10);
  private final long sent = 1_700_000_000_000L;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Mozilla/5.0 (compatible; Barracuda Sentinel)",
        "Mimecast URL Protect",
        "Proofpoint URL Defense",
        "python-requests/2.31.0",
        "curl/8.5.0",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 HeadlessChrome/120.0",
        "facebookexternalhit/1.1"
      })
  void scannersAreFlaggedWhenever(String userAgent) {
    assertThat(rules.probableBot(userAgent, sent, sent + 3_600_000)).isTrue();
  }

  @Test
  void aBrowserIsAPersonOutsideTheWindowAndABotInsideIt() {
    assertThat(rules.probableBot(FIREFOX, sent, sent + 60_000)).isFalse();
    assertThat(rules.probableBot(FIREFOX, sent, sent + 3_000)).isTrue();
    assertThat(rules.probableBot(FIREFOX, null, sent)).isFalse();
  }

  @Test
  void gmailsImageProxyIsAPerson() {
    String proxy =
        "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";
    assertThat(rules.probableBot(proxy, sent, sent + 60_000)).isFalse();
  }

  @Test
  void noUserAgentIsABot() {
    assertThat(rules.probableBot(null, sent, sent + 60_000)).isTrue();
    assertThat(rules.probableBot(" ", sent, sent + 60_000)).isTrue();
  }
}
