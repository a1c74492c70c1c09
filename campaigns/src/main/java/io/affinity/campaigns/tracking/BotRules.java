package io.affinity.campaigns.tracking;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides whether an open or a click probably came from a machine: a link scanner's User-Agent, no
 * User-Agent at all, or a hit within {@link TrackingConfiguration#getBotWindowSeconds()} of the
 * SMTP server accepting the message (security gateways fetch every link on delivery, before a
 * person could have read the mail). Flagged hits are recorded but left out of engagement and
 * produce no event, so they never train the model either.
 */
@Singleton
public class BotRules {
  /**
   * User-Agent patterns of known scanners (case-insensitive regular expressions): mail security
   * gateways and link scanners, HTTP libraries, crawlers and link-preview fetchers. Google's and
   * Yahoo's image proxies are not here: they fetch the pixel when a person opens the mail.
   */
  public static final List<String> DEFAULT_SCANNER_PATTERNS =
      List.of(
          "barracuda",
          "mimecast",
          "proofpoint|ppops",
          "symantec|messagelabs|broadcom",
          "forcepoint|websense",
          "trend ?micro",
          "sophos",
          "ironport|cisco",
          "fireeye|trellix",
          "zscaler",
          "safelinks|safe links|urldefense",
          "bitdefender|kaspersky|fortinet|fortiguard|check ?point|spamtitan|mailcontrol",
          "python-requests|python-urllib|aiohttp|curl/|wget/|go-http-client|okhttp|java/"
              + "|apache-httpclient|libwww-perl|httpie",
          "headlesschrome|phantomjs|puppeteer|playwright|selenium",
          "bot\\b|bot/|crawler|spider|slurp",
          "facebookexternalhit|slackbot|whatsapp|skypeuripreview|linkpreview");

  private final Pattern scanners;
  private final long windowMillis;

  public BotRules(TrackingConfiguration config) {
    this(config.getScannerPatterns(), config.getBotWindowSeconds());
  }

  BotRules(List<String> patterns, int windowSeconds) {
    this.scanners =
        Pattern.compile(
            String.join("|", patterns.stream().map(p -> "(?:" + p + ")").toList()),
            Pattern.CASE_INSENSITIVE);
    this.windowMillis = windowSeconds * 1000L;
  }

  /**
   * Whether a hit with {@code userAgent} at {@code now} (epoch millis) on a message accepted at
   * {@code sentAt} (null if unknown) is probably a machine's.
   */
  public boolean probableBot(String userAgent, Long sentAt, long now) {
    if (userAgent == null || userAgent.isBlank()) {
      return true; // every mail client and browser sends one
    }
    if (sentAt != null && now - sentAt < windowMillis) {
      return true;
    }
    return scanners.matcher(userAgent).find();
  }
}
