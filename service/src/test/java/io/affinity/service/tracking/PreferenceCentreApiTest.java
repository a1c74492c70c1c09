package io.affinity.service.tracking;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.tracking.CampaignEngagement;
import io.affinity.campaigns.tracking.TrackingLinks;
import io.affinity.core.consent.ConsentDecision;
import io.affinity.core.consent.ConsentEntry;
import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.ConsentSource;
import io.affinity.core.consent.ConsentStatement;
import io.affinity.core.consent.SuppressionList;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The unsubscribe link over HTTP: RFC 8058 one-click and the preference centre record every choice
 * in the consent ledger (with the person's address and browser), suppress the address on a full
 * unsubscribe, keep topics and frequency, and change nothing on a GET, a forged token, a bad form
 * or a preview link.
 */
@MicronautTest(transactional = false)
@Property(name = "affinity.tracking.shop-url", value = "https://shop.example.test")
@Property(name = "affinity.templates.defaults-dir", value = "../templates")
class PreferenceCentreApiTest extends ApiTestBase {
  private static final String BROWSER =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";
  private static final String GMAIL = "Google-Mail-Unsubscribe";

  @Inject TrackingLinks links;
  @Inject CampaignEngagement engagement;
  @Inject ConsentLedger ledger;
  @Inject SuppressionList suppressions;
  @Inject TransactionOperations<Connection> tx;

  private String customer;
  private String email;
  private String topic;
  private long customerId;
  private long campaign;
  private String url;

  @BeforeEach
  void customerCampaignAndLink() {
    customer = "pc-" + run;
    email = customer + "@Example.com";
    topic = "offers-" + run;
    assertThat(
            api.put(
                    "/api/customers/" + customer,
                    api.toJson(Map.of("email", email, "emailConsent", true, "country", "P" + run)),
                    INGEST)
                .status())
        .isEqualTo(200);
    customerId = number("SELECT id FROM customers WHERE external_id = ?", customer);
    campaign =
        insert(
            "INSERT INTO campaigns (name, kind, status, control_percent, assignment_seed,"
                + " attribution_days, topic, created_at, updated_at)"
                + " VALUES ('preferences test', 'email', 'running', 0, 1, 7, ?, 0, 0)",
            topic);
    long recipient =
        insert(
            "INSERT INTO campaign_recipients (campaign_id, customer_id, arm, state, sent_at)"
                + " VALUES (?, ?, 'A', 'sent', ?)",
            campaign,
            customerId,
            System.currentTimeMillis() - 3_600_000);
    url = links.unsubscribe(campaign, recipient).substring("http://localhost:8080".length());
  }

  @Test
  void oneClickWithdrawsAllMailInTheLedgerAndSuppressesTheAddress() {
    Page done = post(url, "List-Unsubscribe=One-Click", GMAIL);
    assertThat(done.code()).isEqualTo(200);
    assertThat(done.body()).contains("You are unsubscribed");

    Map<String, Object> consent = consent();
    assertThat(consent.get("email")).isEqualTo(false);
    ConsentEntry entry = latest();
    assertThat(entry.source()).isEqualTo("one-click");
    assertThat(entry.granted()).isFalse();
    assertThat(entry.topic()).isNull();
    assertThat(entry.applied()).isTrue();
    assertThat(entry.userAgent()).isEqualTo(GMAIL);
    assertThat(entry.ip()).isNotBlank();
    assertThat(entry.evidence()).contains("campaign " + campaign).contains("recipient ");
    assertThat(suppression()).isEqualTo(SuppressionList.UNSUBSCRIBED);
    assertThat(count("SELECT COUNT(*) FROM events WHERE customer_id = ? AND type = 'unsubscribe'"))
        .as("the unsubscribe event still feeds lift and engagement")
        .isEqualTo(1);
    assertThat(engagement.of(campaign).unsubscribes()).isEqualTo(1);

    // a second one-click records nothing more in the ledger
    int entries = ledger().size();
    post(url, "List-Unsubscribe=One-Click", GMAIL);
    assertThat(ledger()).hasSize(entries);

    // a sync saying "consents" afterwards is refused by the ledger
    ConsentDecision sync =
        tx.executeWrite(
            status ->
                ledger
                    .record(
                        status.getConnection(),
                        List.of(
                            ConsentStatement.email(
                                customerId,
                                true,
                                System.currentTimeMillis(),
                                ConsentSource.API,
                                "nightly sync")))
                    .get(0));
    assertThat(sync.refused()).isTrue();
    assertThat(consent().get("email")).isEqualTo(false);
  }

  @Test
  void oneClickAlsoArrivesAsMultipartFormData() {
    Page wrong =
        exchange(
            HttpRequest.POST(
                    url, MultipartBody.builder().addPart("List-Unsubscribe", "Two-Clicks").build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
                .header("User-Agent", GMAIL));
    assertThat(wrong.code()).isEqualTo(400);
    assertThat(consent().get("email")).isEqualTo(true);
    Page done =
        exchange(
            HttpRequest.POST(
                    url, MultipartBody.builder().addPart("List-Unsubscribe", "One-Click").build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
                .header("User-Agent", GMAIL));
    assertThat(done.code()).isEqualTo(200);
    assertThat(consent().get("email")).isEqualTo(false);
    assertThat(latest().source()).isEqualTo("one-click");
  }

  @Test
  void thePageShowsTheTopicAndTheChoicesAndAGetChangesNothing() {
    int entries = ledger().size();
    Page page = get(url);
    assertThat(page.code()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.header("Cache-Control")).contains("no-store");
    assertThat(page.header("Content-Security-Policy"))
        .contains("default-src 'none'")
        .contains("frame-ancestors 'none'");
    assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    String html = page.body();
    assertThat(html)
        .contains("name=\"viewport\"")
        .contains("This e-mail was about: " + topic)
        .contains("name=\"action\" value=\"topic\"")
        .contains("name=\"action\" value=\"frequency\"")
        .contains("name=\"action\" value=\"all\"")
        .contains("<legend>Receive e-mails less often</legend>")
        .contains("<label for=\"frequency-monthly\">")
        .doesNotContain("http://")
        .doesNotContain("https://")
        .doesNotContain("One-Click\"");
    assertThat(consent().get("email")).isEqualTo(true);
    assertThat(ledger()).hasSize(entries);
    assertThat(count("SELECT COUNT(*) FROM tracking_events WHERE customer_id = ?")).isZero();
  }

  @Test
  void unsubscribingFromEverythingOnThePageIsAnUnsubscribeLinkStatement() {
    Page done = post(url, "action=all", BROWSER);
    assertThat(done.code()).isEqualTo(200);
    assertThat(done.body())
        .contains("Done: you are unsubscribed from all our e-mails.")
        .contains("role=\"status\"")
        .doesNotContain("value=\"topic\"");
    assertThat(consent().get("email")).isEqualTo(false);
    ConsentEntry entry = latest();
    assertThat(entry.source()).isEqualTo("unsubscribe-link");
    assertThat(entry.userAgent()).isEqualTo(BROWSER);
    assertThat(suppression()).isEqualTo(SuppressionList.UNSUBSCRIBED);
    assertThat(engagement.of(campaign).unsubscribes()).isEqualTo(1);

    // once withdrawn, the page offers no choice but says how to come back
    String again = get(url).body();
    assertThat(again)
        .contains("You are unsubscribed from all our e-mails.")
        .doesNotContain("<form");
  }

  @Test
  void leavingTheTopicKeepsOtherMailAndSegmentsSeeIt() {
    assertThat(
            members("{\"field\": \"topic_consent\", \"op\": \"=\", \"value\": \"" + topic + "\"}"))
        .isEqualTo(1);
    Page done = post(url, "action=topic&topic=" + topic, BROWSER);
    assertThat(done.code()).isEqualTo(200);
    assertThat(done.body())
        .contains("you will no longer receive e-mails about " + topic)
        .contains("Topics you left: " + topic)
        .contains("name=\"action\" value=\"rejoin\"");

    assertThat(consent().get("email")).as("still subscribed to other mail").isEqualTo(true);
    assertThat(suppression()).isNull();
    assertThat(
            count(
                "SELECT COUNT(*) FROM consent_topics WHERE customer_id = ? AND topic = '"
                    + topic
                    + "' AND granted = FALSE"))
        .isEqualTo(1);
    ConsentEntry entry = latest();
    assertThat(entry.source()).isEqualTo("preference-centre");
    assertThat(entry.topic()).isEqualTo(topic);
    assertThat(entry.granted()).isFalse();
    assertThat(entry.ip()).isNotBlank();
    assertThat(members("{\"field\": \"email_consent\", \"op\": \"=\", \"value\": true}"))
        .isEqualTo(1);
    assertThat(
            members("{\"field\": \"topic_consent\", \"op\": \"=\", \"value\": \"" + topic + "\"}"))
        .isZero();
    assertThat(members("{\"field\": \"topic_consent\", \"op\": \"=\", \"value\": \"news\"}"))
        .isEqualTo(1);
    assertThat(engagement.of(campaign).unsubscribes())
        .as("leaving the campaign's topic counts as an unsubscribe from it")
        .isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM events WHERE customer_id = ? AND type = 'unsubscribe'"))
        .as("but is no unsubscribe event, which would withdraw all mail")
        .isZero();

    Page back = post(url, "action=rejoin&topic=" + topic, BROWSER);
    assertThat(back.code()).isEqualTo(200);
    assertThat(back.body()).contains("you will receive e-mails about " + topic + " again");
    assertThat(
            members("{\"field\": \"topic_consent\", \"op\": \"=\", \"value\": \"" + topic + "\"}"))
        .isEqualTo(1);
    assertThat(latest().granted()).isTrue();
  }

  @Test
  void choosingMonthlyKeepsTheFrequencyWithALedgerNote() {
    Page done = post(url, "action=frequency&frequency=monthly", BROWSER);
    assertThat(done.code()).isEqualTo(200);
    assertThat(done.body()).contains("at most once a month").contains("value=\"monthly\" checked");
    assertThat(frequency()).isEqualTo("monthly");
    ConsentEntry entry = latest();
    assertThat(entry.source()).isEqualTo("preference-centre");
    assertThat(entry.note()).isEqualTo("frequency: monthly");
    assertThat(entry.userAgent()).isEqualTo(BROWSER);
    assertThat(consent().get("email")).isEqualTo(true);

    int entries = ledger().size();
    assertThat(post(url, "action=frequency&frequency=monthly", BROWSER).body())
        .contains("nothing needed to change");
    assertThat(ledger()).hasSize(entries);
    post(url, "action=frequency&frequency=any", BROWSER);
    assertThat(frequency()).isNull();
    assertThat(latest().note()).isEqualTo("frequency: any");
  }

  @Test
  void forgedTokensAndBadFormsChangeNothing() {
    int entries = ledger().size();
    String forged = url.replace("/t/u/", "/t/u/x");
    for (String body :
        List.of("action=all", "List-Unsubscribe=One-Click", "action=frequency&frequency=weekly")) {
      Page r = post(forged, body, BROWSER);
      assertThat(r.code()).as(body).isEqualTo(404);
      assertThat(r.body()).contains("not valid");
      assertThat(get(forged).code()).isEqualTo(404);
    }
    for (String body :
        List.of(
            "",
            "action=nonsense",
            "action=frequency",
            "action=frequency&frequency=daily",
            "action=all&frequency=weekly",
            "action=all&action=all",
            "action=all&admin=true",
            "action=topic&topic=someone-elses-topic",
            "action=rejoin&topic=" + topic,
            "action=rejoin",
            "action=topic&topic=%ZZ",
            "List-Unsubscribe=One-Click&action=all",
            "List-Unsubscribe=Two-Clicks",
            "action=" + "x".repeat(3000))) {
      Page r = post(url, body, BROWSER);
      assertThat(r.code()).as(body).isEqualTo(400);
      assertThat(r.body()).as(body).contains("Nothing was changed");
    }
    assertThat(ledger()).hasSize(entries);
    assertThat(consent().get("email")).isEqualTo(true);
    assertThat(frequency()).isNull();
    assertThat(suppression()).isNull();
    assertThat(count("SELECT COUNT(*) FROM consent_topics WHERE customer_id = ?")).isZero();
    assertThat(count("SELECT COUNT(*) FROM tracking_events WHERE customer_id = ?")).isZero();
  }

  @Test
  void previewLinksChangeNothingAndSaySo() {
    String preview = links.unsubscribe(0, 0).substring("http://localhost:8080".length());
    Page page = get(preview);
    assertThat(page.code()).isEqualTo(200);
    assertThat(page.body()).contains("This is a preview link");
    for (String body :
        List.of("action=all", "List-Unsubscribe=One-Click", "action=frequency&frequency=weekly")) {
      Page r = post(preview, body, BROWSER);
      assertThat(r.code()).as(body).isEqualTo(200);
      assertThat(r.body()).as(body).contains("preview link").contains("nothing was changed");
    }
    assertThat(
            number(
                "SELECT COUNT(*) FROM tracking_events WHERE campaign_id = 0 OR recipient_id = 0"))
        .isZero();
  }

  @Test
  void topicsAndOtherTextAreEscapedOnThePage() {
    long hostile =
        insert(
            "INSERT INTO campaigns (name, kind, status, control_percent, assignment_seed,"
                + " attribution_days, topic, created_at, updated_at)"
                + " VALUES ('hostile', 'email', 'running', 0, 1, 7, ?, 0, 0)",
            "<script>x</script>\"'&");
    long recipient =
        insert(
            "INSERT INTO campaign_recipients (campaign_id, customer_id, arm, state, sent_at)"
                + " VALUES (?, ?, 'A', 'sent', 0)",
            hostile,
            customerId);
    String page =
        get(links.unsubscribe(hostile, recipient).substring("http://localhost:8080".length()))
            .body();
    assertThat(page)
        .doesNotContain("<script>")
        .contains("&lt;script&gt;x&lt;/script&gt;&quot;&#39;&amp;");
  }

  // --- helpers -------------------------------------------------------------------------------

  private Page get(String path) {
    return exchange(HttpRequest.GET(path).header("User-Agent", BROWSER));
  }

  private Page post(String path, String body, String userAgent) {
    return exchange(
        HttpRequest.POST(path, body)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
            .header("User-Agent", userAgent));
  }

  /** A page as the browser got it. */
  private record Page(int code, String body, HttpHeaders headers) {
    String header(String name) {
      return headers.get(name);
    }
  }

  private Page exchange(MutableHttpRequest<?> request) {
    try {
      HttpResponse<String> r =
          client.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
      return new Page(r.code(), r.body(), r.getHeaders());
    } catch (HttpClientResponseException e) {
      return new Page(
          e.getResponse().code(),
          e.getResponse().getBody(String.class).orElse(null),
          e.getResponse().getHeaders());
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> consent() {
    Reply view = api.get("/api/customers/" + customer, MARKETING);
    assertThat(view.status()).isEqualTo(200);
    return (Map<String, Object>) view.json().get("consent");
  }

  /** How many of this test's customers (by its country) {@code ruleJson} selects. */
  private long members(String ruleJson) {
    Reply preview =
        api.post(
            "/api/segments/preview",
            "{\"rules\": {\"all\": [{\"field\": \"country\", \"op\": \"=\", \"value\": \"P"
                + run
                + "\"}, "
                + ruleJson
                + "]}}",
            MARKETING);
    assertThat(preview.status()).as(String.valueOf(preview.body())).isEqualTo(200);
    return ((Number) preview.json().get("count")).longValue();
  }

  private List<ConsentEntry> ledger() {
    return tx.executeRead(status -> ledger.history(status.getConnection(), customerId, 100));
  }

  private ConsentEntry latest() {
    return ledger().get(0);
  }

  private String suppression() {
    return tx.executeRead(status -> suppressions.reason(status.getConnection(), email));
  }

  private String frequency() {
    return tx.executeRead(
        status -> {
          try (PreparedStatement ps =
              status
                  .getConnection()
                  .prepareStatement("SELECT email_frequency FROM customers WHERE id = ?")) {
            ps.setLong(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getString(1);
            }
          }
        });
  }

  /** A count over this test's customer: {@code sql} has the customer id as its one parameter. */
  private long count(String sql) {
    return number(sql, customerId);
  }

  private long number(String sql, Object... params) {
    return tx.executeRead(
        status -> {
          try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
              ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private long insert(String sql, Object... params) {
    return tx.executeWrite(
        status -> {
          try (PreparedStatement ps =
              status.getConnection().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < params.length; i++) {
              ps.setObject(i + 1, params[i]);
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
}
