package io.affinity.campaigns.tracking;

import io.affinity.campaigns.tracking.TrackingToken.Purpose;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds the signed links a message carries: {@code /t/o/{token}} (open pixel), {@code
 * /t/c/{token}} (click), {@code /t/u/{token}} (unsubscribe). Preview links (campaign 0) carry
 * {@code ?preview=1} so that a reader sees they are not live; the endpoints record nothing for them
 * whatever the query says, since "preview" is inside the signed token.
 */
@Singleton
public class TrackingLinks {
  private final TokenSigner signer;
  private final TrackingConfiguration config;

  public TrackingLinks(TokenSigner signer, TrackingConfiguration config) {
    this.signer = signer;
    this.config = config;
  }

  /** The open pixel's URL. */
  public String open(long campaignId, long recipientId) {
    return link(new TrackingToken(Purpose.OPEN, campaignId, recipientId, null, null));
  }

  /** The tracked link to {@code itemId} shown in {@code slot}. */
  public String click(long campaignId, long recipientId, String itemId, String slot) {
    return link(new TrackingToken(Purpose.CLICK, campaignId, recipientId, itemId, slot));
  }

  /** The unsubscribe page, which also takes the RFC 8058 one-click POST. */
  public String unsubscribe(long campaignId, long recipientId) {
    return link(new TrackingToken(Purpose.UNSUBSCRIBE, campaignId, recipientId, null, null));
  }

  /** The shop's preference centre with the recipient's token, or else the unsubscribe page. */
  public String preferences(long campaignId, long recipientId) {
    if (config.getPreferencesUrl() == null) {
      return unsubscribe(campaignId, recipientId);
    }
    String token =
        signer.sign(new TrackingToken(Purpose.UNSUBSCRIBE, campaignId, recipientId, null, null));
    String url = config.getPreferencesUrl();
    return url
        + (url.contains("?") ? "&" : "?")
        + "token="
        + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  /** The shop's home page. */
  public String shop() {
    return config.getShopUrl();
  }

  private String link(TrackingToken token) {
    String url = config.getBaseUrl() + "/t/" + token.purpose().code() + "/" + signer.sign(token);
    return token.isPreview() ? url + "?preview=1" : url;
  }
}
