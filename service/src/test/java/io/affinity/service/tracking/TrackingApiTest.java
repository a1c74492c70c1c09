package io.affinity.service.tracking;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.tracking.CampaignEngagement;
import io.affinity.campaigns.tracking.EngagementCounts;
import io.affinity.campaigns.tracking.TrackingLinks;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public tracking endpoints over HTTP: opens, clicks and unsubscribes become events and
 * tracking rows; forged tokens record nothing and never redirect off the shop; one-click
 * unsubscribe withdraws consent; probable bots are flagged and left out of engagement.
 */
@MicronautTest(transactional = false)
@Property(name = "micronaut.http.client.follow-redirects", value = "false")
@Property(name = "affinity.tracking.shop-url", value = "https://shop.example.test")
@Property(name = "affinity.tracking.bot-window-seconds", value = "10")
@Property(name = "affinity.templates.defaults-dir", value = "../templates")
class TrackingApiTest extends ApiTestBase {
  private static final String BROWSER =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15";
  private static final long HOUR_AGO = System.currentTimeMillis() - 3_600_000;

  @Inject TrackingLinks links;
  @Inject CampaignEngagement engagement;
  @Inject TransactionOperations<Connection> tx;

  private String customer;
  private String product;
  private long campaign;

  @BeforeEach
  void customerProductAndCampaign() {
    customer = "tr-" + run + "-c1";
    product = "tr-" + run + "-p1";
    assertThat(
            api.put(
                    "/api/customers/" + customer,
                    api.toJson(Map.of("email", customer + "@example.com", "emailConsent", true)),
                    INGEST)
                .status())
        .isEqualTo(200);
    assertThat(
            api.put(
                    "/api/products/" + product,
                    api.toJson(
                        Map.of(
                            "name", "Blue mug",
                            "price", 9.5,
                            "url", "https://shop.example.test/p/blue-mug")),
                    INGEST)
                .status())
        .isEqualTo(200);
    campaign =
        insert(
            "INSERT INTO campaigns (name, kind, status, control_percent, assignment_seed,"
                + " attribution_days, created_at, updated_at)"
                + " VALUES ('tracking "
                + "test', 'email', 'running', 0, 1, 7, 0, 0)",
            List.of());
  }

  private long recipient(long sentAt) {
    return insert(
        "INSERT INTO campaign_recipients (campaign_id, customer_id, arm, state, sent_at)"
            + " SELECT ?, id, 'A', 'sent', ? FROM customers WHERE external_id = ?",
        List.of(campaign, sentAt, customer));
  }

  private long insert(String sql, List<Object> params) {
    return tx.executeWrite(
        status -> {
          try (PreparedStatement ps =
              status.getConnection().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < params.size(); i++) {
              ps.setObject(i + 1, params.get(i));
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              keys.next();
              return keys.getLong(1);
            }
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** The customer's events of campaign types: "type/product external id/campaign". */
  private List<String> events() {
    return tx.executeRead(
        status -> {
          try (PreparedStatement ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "SELECT e.type, p.external_id, e.campaign_id FROM events e"
                          + " LEFT JOIN products p ON p.id = e.product_id"
                          + " WHERE e.customer_id = (SELECT id FROM customers WHERE external_id = ?)"
                          + " ORDER BY e.id")) {
            ps.setString(1, customer);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getLong(3));
              }
            }
            return out;
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private HttpResponse<byte[]> send(MutableHttpRequest<?> request, String userAgent) {
    if (userAgent != null) {
      request.header("User-Agent", userAgent);
    }
    try {
      return client.toBlocking().exchange(request, Argument.of(byte[].class), Argument.STRING);
    } catch (HttpClientResponseException e) {
      @SuppressWarnings("unchecked")
      HttpResponse<byte[]> r = (HttpResponse<byte[]>) e.getResponse();
      return r;
    }
  }

  private static String path(String url) {
    return url.substring("http://localhost:8080".length());
  }

  private boolean consent() {
    Reply view = api.get("/api/customers/" + customer, MARKETING);
    return (Boolean) ((Map<String, Object>) view.json().get("consent")).get("email");
  }

  @Test
  void anOpenAndAClickBecomeEventsAndEngagement() {
    long r = recipient(HOUR_AGO);
    HttpResponse<byte[]> pixel = send(HttpRequest.GET(path(links.open(campaign, r))), BROWSER);
    assertThat(pixel.code()).isEqualTo(200);
    assertThat(pixel.getContentType()).hasValue(MediaType.of("image/gif"));
    assertThat(pixel.body()).isEqualTo(TrackingController.PIXEL);

    HttpResponse<byte[]> click =
        send(HttpRequest.GET(path(links.click(campaign, r, product, "rec2"))), BROWSER);
    assertThat(click.code()).isEqualTo(302);
    assertThat(click.header("Location")).isEqualTo("https://shop.example.test/p/blue-mug");
    send(HttpRequest.GET(path(links.click(campaign, r, product, "rec2"))), BROWSER);

    assertThat(events())
        .containsExactly(
            "open/null/" + campaign,
            "click/" + product + "/" + campaign,
            "click/" + product + "/" + campaign);
    EngagementCounts counts = engagement.of(campaign);
    assertThat(counts.opens()).isEqualTo(1);
    assertThat(counts.uniqueOpens()).isEqualTo(1);
    assertThat(counts.clicks()).isEqualTo(2);
    assertThat(counts.uniqueClicks()).isEqualTo(1);
    assertThat(counts.botFlagged()).isZero();
    assertThat(counts.byItemAndSlot())
        .containsExactly(new EngagementCounts.ItemClicks(product, "rec2", 2, 1));
  }

  @Test
  void aForgedOrAlteredTokenRecordsNothingAndRedirectsToTheShop() {
    long r = recipient(HOUR_AGO);
    String real = links.click(campaign, r, product, "rec1");
    String token = real.substring(real.lastIndexOf('/') + 1);
    char c = token.charAt(3);
    String altered = token.substring(0, 3) + (c == 'x' ? 'y' : 'x') + token.substring(4);
    HttpResponse<byte[]> click =
        send(
            HttpRequest.GET(
                "/t/c/" + altered + "?url=https://evil.example/&next=https://evil.example/"),
            BROWSER);
    assertThat(click.code()).isEqualTo(302);
    assertThat(click.header("Location")).isEqualTo("https://shop.example.test");
    HttpResponse<byte[]> pixel = send(HttpRequest.GET("/t/o/not-a-token"), BROWSER);
    assertThat(pixel.code()).isEqualTo(200);
    assertThat(pixel.body()).isEqualTo(TrackingController.PIXEL);
    // a token for another endpoint is refused too: a click token is no open token
    send(HttpRequest.GET("/t/o/" + token), BROWSER);
    // a valid token naming a recipient of another campaign
    send(HttpRequest.GET(path(links.open(campaign + 1_000_000, r))), BROWSER);
    assertThat(events()).isEmpty();
    assertThat(engagement.of(campaign).opens()).isZero();
    assertThat(engagement.of(campaign).botFlagged()).isZero();
  }

  @Test
  void previewLinksRedirectButRecordNothing() {
    long r = recipient(HOUR_AGO);
    HttpResponse<byte[]> click =
        send(HttpRequest.GET(path(links.click(0, 0, product, "rec1"))), BROWSER);
    assertThat(click.code()).isEqualTo(302);
    assertThat(click.header("Location")).isEqualTo("https://shop.example.test/p/blue-mug");
    // ?preview=1 on a live link does not stop tracking: only the signed token decides
    send(HttpRequest.GET(path(links.open(campaign, r)) + "?preview=1"), BROWSER);
    assertThat(events()).containsExactly("open/null/" + campaign);
  }

  @Test
  void scannersAndHitsRightAfterDeliveryAreFlaggedAndLeftOut() {
    long old = recipient(HOUR_AGO);
    send(
        HttpRequest.GET(path(links.click(campaign, old, product, "rec1"))),
        "Mozilla/5.0 (compatible; Barracuda Sentinel)");
    send(HttpRequest.GET(path(links.open(campaign, old))), null);
    customer = "tr-" + run + "-c2";
    api.put("/api/customers/" + customer, api.toJson(Map.of("emailConsent", true)), INGEST);
    long fresh = recipient(System.currentTimeMillis());
    HttpResponse<byte[]> click =
        send(HttpRequest.GET(path(links.click(campaign, fresh, product, "rec1"))), BROWSER);
    assertThat(click.code()).as("a bot is still redirected").isEqualTo(302);

    EngagementCounts counts = engagement.of(campaign);
    assertThat(counts.botFlagged()).isEqualTo(3);
    assertThat(counts.clicks()).isZero();
    assertThat(counts.opens()).isZero();
    assertThat(counts.byItemAndSlot()).isEmpty();
    assertThat(events()).as("flagged hits make no events").isEmpty();
    int flaggedRows =
        tx.executeRead(
            status -> {
              try (PreparedStatement ps =
                  status
                      .getConnection()
                      .prepareStatement(
                          "SELECT COUNT(*) FROM tracking_events WHERE campaign_id = ?"
                              + " AND probable_bot = TRUE AND ip_hash IS NOT NULL")) {
                ps.setLong(1, campaign);
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  return rs.getInt(1);
                }
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(flaggedRows).isEqualTo(3);
  }

  @Test
  void oneClickUnsubscribeWithdrawsConsentAndTheGetPageChangesNothing() {
    long r = recipient(HOUR_AGO);
    String url = path(links.unsubscribe(campaign, r));
    HttpResponse<byte[]> page = send(HttpRequest.GET(url), BROWSER);
    assertThat(page.code()).isEqualTo(200);
    assertThat(new String(page.body()))
        .contains("<form method=\"post\">")
        .contains("name=\"action\" value=\"all\"");
    assertThat(consent()).as("a GET (link scanners) changes nothing").isTrue();

    HttpResponse<byte[]> forged =
        send(
            HttpRequest.POST(url.replace("/t/u/", "/t/u/x"), "List-Unsubscribe=One-Click")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE),
            BROWSER);
    assertThat(forged.code()).isEqualTo(404);
    assertThat(consent()).isTrue();

    HttpResponse<byte[]> noBody =
        send(
            HttpRequest.POST(url, "").contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE),
            BROWSER);
    assertThat(noBody.code()).isEqualTo(400);
    assertThat(consent()).isTrue();

    HttpResponse<byte[]> done =
        send(
            HttpRequest.POST(url, "List-Unsubscribe=One-Click")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE),
            "Google-Mail-Unsubscribe");
    assertThat(done.code()).isEqualTo(200);
    assertThat(consent()).isFalse();
    // a second use changes nothing more and makes no second event
    send(
        HttpRequest.POST(url, "List-Unsubscribe=One-Click")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE),
        BROWSER);
    assertThat(events()).containsExactly("unsubscribe/null/" + campaign);
    assertThat(engagement.of(campaign).unsubscribes()).isEqualTo(1);
  }
}
