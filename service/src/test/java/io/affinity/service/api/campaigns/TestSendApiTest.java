package io.affinity.service.api.campaigns;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.core.consent.SuppressionList;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.recommender.model.ModelTrainer;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Test sends through a real SMTP server (GreenMail): a campaign's and a template's message for one
 * customer, with their own recommendations and offers, reaches the test address with [TEST] in the
 * subject, and leaves no trace: no recipient row, no tracking event (even when its links are
 * followed), no ledger entry, no offer exposure.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestSendApiTest extends ApiTestBase implements TestPropertyProvider {
  private static final Pattern OFFER = Pattern.compile("OFFER:([^<\\s]+)");
  private static final Pattern LINK = Pattern.compile("http://[^\\s\"]+(/t/[oc]/[A-Za-z0-9_.-]+)");
  private static final String HTML =
      "<p>Hello ${customer.name!\"there\"}, customer ${customer.id}</p>"
          + "<#list recommendations as r><a href=\"${r.url}\">REC:${r.id}</a> </#list>"
          + "<#list offers.crossSell as o><a href=\"${o.url}\">OFFER:${o.id}</a> </#list>"
          + "<#list offers.upsell as o><a href=\"${o.url}\">OFFER:${o.id}</a> </#list>"
          + "<p>arm ${campaign.arm}</p><img src=\"${links.openPixel}\" alt=\"\">"
          + "<a href=\"${links.unsubscribe}\">Unsubscribe</a>";

  private final int port = freePort();
  private final GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
  @Inject SyntheticShopLoader shops;
  @Inject ModelTrainer trainer;
  @Inject Transactions tx;
  @Inject SuppressionList suppressions;

  private String prefix;
  private long template;
  private String customer;
  private long customerRow;
  private List<String> offers;

  TestSendApiTest() {
    smtp.start();
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "affinity.mail.host", "127.0.0.1",
        "affinity.mail.port", String.valueOf(port),
        "affinity.mail.poll-interval", "100ms",
        "affinity.mail.sender.address", "templates@shop.example");
  }

  @AfterAll
  void stopSmtp() {
    smtp.stop();
  }

  /** A trained shop, a template with recommendations and offers, a customer who gets offers. */
  @BeforeAll
  void shopTemplateAndCustomer() {
    api = new io.affinity.service.api.TestApi(client, json); // @BeforeEach has not run yet
    prefix = "ts" + UUID.randomUUID().toString().substring(0, 6) + "-";
    shops.load(ShopSpec.of(300, 80, 15_000, 3).withIdPrefix(prefix), ProgressListener.NONE);
    trainer.train(ProgressListener.NONE);
    Reply created =
        api.post(
            "/api/templates",
            api.toJson(
                Map.of(
                    "key",
                    prefix + "test-send",
                    "name",
                    "Test send " + prefix,
                    "subject",
                    "Picks for ${customer.firstName!\"you\"}",
                    "html",
                    HTML)),
            MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    template = ((Number) created.json().get("id")).longValue();
    // The first customer whose preview has offers (a preview records no exposure either).
    for (String id : customers(40)) {
      Reply preview =
          api.post(
              "/api/templates/" + template + "/preview",
              "{\"customerId\":\"" + id + "\"}",
              MARKETING);
      assertThat(preview.status()).as("%s", preview.body()).isEqualTo(200);
      List<String> shown = all(OFFER, (String) preview.json().get("html"));
      if (!shown.isEmpty()) {
        customer = id;
        offers = shown;
        break;
      }
    }
    assertThat(customer).as("a customer with offers").isNotNull();
    customerRow = count("SELECT id FROM customers WHERE external_id = ?", customer);
    assertThat(exposures()).as("exposures after previews").isZero();
  }

  @Test
  void aCampaignTestSendArrivesPersonalisedWithTestInTheSubjectAndLeavesNoTrace() throws Exception {
    long campaign = draftCampaign("A");
    long[] before = traces(campaign);
    String to = "tester+" + run + "@qa.example";

    Reply sent =
        api.post(
            "/api/campaigns/" + campaign + "/test-sends",
            "{\"customerId\":\"" + customer + "\",\"to\":\"" + to + "\"}",
            MARKETING);
    assertThat(sent.status()).as("%s", sent.body()).isEqualTo(200);
    assertThat(sent.json()).containsEntry("to", to).containsEntry("variant", "A");
    assertThat((String) sent.json().get("subject")).startsWith("[TEST] Picks for ");

    MimeMessage m = received(to);
    assertThat(m.getSubject()).isEqualTo(sent.json().get("subject"));
    assertThat(m.getHeader("Message-ID")[0]).isEqualTo(sent.json().get("messageId"));
    assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("news@shop.example");
    String html = html(m);
    assertThat(html).contains("customer " + customer).contains("arm A").contains("REC:");
    assertThat(new TreeSet<>(all(OFFER, html))).isEqualTo(new TreeSet<>(offers));
    assertThat(html).contains("?preview=1");

    // Following the links of a test message records nothing either.
    List<String> links = all(LINK, html);
    assertThat(links).anyMatch(l -> l.startsWith("/t/o/")).anyMatch(l -> l.startsWith("/t/c/"));
    for (String path : links) {
      try {
        api.send(HttpRequest.GET(path.replace("&amp;", "&")), null);
      } catch (HttpClientException e) {
        // A click redirects to the shop, which does not run here: the click was handled first.
      }
    }
    api.send(
        HttpRequest.POST(
                m.getHeader("List-Unsubscribe")[0].replaceAll("^<http://[^/]+|>$", ""),
                "List-Unsubscribe=One-Click")
            .contentType("application/x-www-form-urlencoded"),
        null);
    assertThat(traces(campaign)).isEqualTo(before);
    assertThat(consent(customer)).isEqualTo(consentBefore(before));
  }

  @Test
  void aTemplateTestSendRendersTheCurrentVersionForTheCustomerAndLeavesNoTrace() throws Exception {
    long[] before = traces(0);
    String to = "designer+" + run + "@qa.example";
    Reply sent =
        api.post(
            "/api/templates/" + template + "/test-sends",
            "{\"customerId\":\"" + customer + "\",\"to\":\"" + to + "\"}",
            MARKETING);
    assertThat(sent.status()).as("%s", sent.body()).isEqualTo(200);
    assertThat(sent.json()).containsEntry("templateVersion", 1);
    MimeMessage m = received(to);
    assertThat(m.getSubject()).startsWith("[TEST] Picks for ");
    assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("templates@shop.example");
    assertThat(html(m)).contains("customer " + customer);
    assertThat(new TreeSet<>(all(OFFER, html(m)))).isEqualTo(new TreeSet<>(offers));
    assertThat(traces(0)).isEqualTo(before);
  }

  @Test
  void badAddressesUnknownThingsFailingTemplatesAndKeysWithoutMarketingAreRefused() {
    long campaign = draftCampaign("A");
    String path = "/api/campaigns/" + campaign + "/test-sends";
    for (String to :
        List.of(
            "not an address",
            "a@qa.example\\r\\nBcc: victim@qa.example",
            "Someone <a@qa.example>",
            "a@qa.example, b@qa.example")) {
      Reply bad =
          api.post(path, "{\"customerId\":\"" + customer + "\",\"to\":\"" + to + "\"}", MARKETING);
      assertProblem(bad, 422);
      assertThat(bad.errorFields()).as(to).contains("to");
    }
    Reply nothing = api.post(path, "{}", MARKETING);
    assertProblem(nothing, 422);
    assertThat(nothing.errorFields()).contains("customerId", "to");
    String ok = "{\"customerId\":\"" + customer + "\",\"to\":\"x@qa.example\"";
    assertThat(api.post(path, ok + ",\"variant\":\"Z\"}", MARKETING).errorFields())
        .contains("variant");
    assertProblem(api.post("/api/campaigns/999999999/test-sends", ok + "}", MARKETING), 404);
    assertProblem(api.post("/api/templates/999999999/test-sends", ok + "}", MARKETING), 404);
    assertProblem(
        api.post(
            path, "{\"customerId\":\"" + run + "-nobody\",\"to\":\"x@qa.example\"}", MARKETING),
        404);
    assertProblem(api.post(path, ok + "}", INGEST), 403);
    assertProblem(api.post("/api/templates/" + template + "/test-sends", ok + "}", INGEST), 403);

    Reply failing =
        api.post(
            "/api/templates",
            api.toJson(
                Map.of(
                    "key",
                    prefix + "failing",
                    "name",
                    "Failing " + prefix,
                    "subject",
                    "Hi",
                    "html",
                    "<p>${customer.nickname}</p>")),
            MARKETING);
    assertThat(failing.status()).as("%s", failing.body()).isEqualTo(201);
    Reply render =
        api.post("/api/templates/" + failing.json().get("id") + "/test-sends", ok + "}", MARKETING);
    assertProblem(render, 422);
    assertThat(render.errorFields()).contains("template");
  }

  @Test
  void aSuppressedTestAddressIsNeverMailed() throws Exception {
    String to = "unsubscribed+" + run + "@qa.example";
    tx.write(c -> suppressions.suppress(c, to, SuppressionList.UNSUBSCRIBED, "test", null));
    Reply refused =
        api.post(
            "/api/templates/" + template + "/test-sends",
            "{\"customerId\":\"" + customer + "\",\"to\":\"" + to + "\"}",
            MARKETING);
    assertProblem(refused, 422);
    assertThat((String) refused.errors().get(0).get("reason")).contains("suppressed");
    Thread.sleep(200);
    assertThat(smtp.getReceivedMessages())
        .noneMatch(
            m -> {
              try {
                return ((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(to);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
  }

  private long draftCampaign(String arm) {
    long snapshot = Snapshots.of(tx, prefix);
    Reply created =
        api.post(
            "/api/campaigns",
            "{\"name\":\"test sends "
                + run
                + "\",\"snapshotId\":"
                + snapshot
                + ",\"fromAddress\":\"news@shop.example\",\"variants\":[{\"name\":\""
                + arm
                + "\",\"templateId\":"
                + template
                + "}]}",
            MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return ((Number) created.json().get("id")).longValue();
  }

  /**
   * What a send could leave behind: the campaign's recipient rows, the customer's recipient rows,
   * tracking events of the campaign and of previews (campaign 0), the customer's ledger entries and
   * offer exposures, and their consent state.
   */
  private long[] traces(long campaign) {
    return new long[] {
      count("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ?", campaign),
      count("SELECT COUNT(*) FROM campaign_recipients WHERE customer_id = ?", customerRow),
      count("SELECT COUNT(*) FROM tracking_events WHERE campaign_id = ?", campaign),
      count("SELECT COUNT(*) FROM tracking_events WHERE customer_id = ?", customerRow),
      count("SELECT COUNT(*) FROM consent_ledger WHERE customer_id = ?", customerRow),
      exposures(),
      count("SELECT COUNT(*) FROM customers WHERE id = ? AND email_consent = TRUE", customerRow)
    };
  }

  private static long consentBefore(long[] traces) {
    return traces[6];
  }

  private long consent(String id) {
    return count(
        "SELECT COUNT(*) FROM customers WHERE external_id = ? AND email_consent = TRUE", id);
  }

  private long exposures() {
    return count("SELECT COUNT(*) FROM offer_exposures WHERE customer_id = ?", customer);
  }

  private long count(String sql, Object param) {
    return tx.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private List<String> customers(int limit) {
    return tx.read(
        c -> {
          List<String> ids = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT external_id FROM customers WHERE external_id LIKE ? ORDER BY id")) {
            ps.setString(1, prefix + "%");
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getString(1));
              }
            }
          }
          return ids;
        });
  }

  private MimeMessage received(String address) throws Exception {
    for (int i = 0; i < 100; i++) {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        if (((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(address)) {
          return m;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no message reached " + address);
  }

  private static String html(MimeMessage m) throws Exception {
    return (String) ((MimeMultipart) m.getContent()).getBodyPart(1).getContent();
  }

  private static List<String> all(Pattern p, String text) {
    List<String> out = new ArrayList<>();
    Matcher matcher = p.matcher(text);
    while (matcher.find()) {
      out.add(matcher.group(1));
    }
    return out;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
