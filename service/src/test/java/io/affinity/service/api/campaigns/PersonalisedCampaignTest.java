package io.affinity.service.api.campaigns;

import static io.affinity.service.api.TestApi.MARKETING;
import static io.affinity.service.api.TestApi.RECOMMEND;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.campaigns.tracking.TokenSigner;
import io.affinity.campaigns.tracking.TrackingToken;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.recommender.model.ModelTrainer;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole path: a synthetic shop, a trained model, the shipped newsletter template, a campaign
 * with a control group sent through SMTP (GreenMail); each treatment recipient gets one message
 * whose tracked item links are that customer's own recommendations.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalisedCampaignTest extends ApiTestBase implements TestPropertyProvider {
  private static final Pattern CLICK = Pattern.compile("/t/c/([A-Za-z0-9_.-]+)");

  private final int port = freePort();
  private final GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
  @Inject SyntheticShopLoader shops;
  @Inject ModelTrainer trainer;
  @Inject TemplateService templates;
  @Inject TokenSigner signer;
  @Inject Transactions tx;

  PersonalisedCampaignTest() {
    smtp.start();
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "affinity.mail.host", "127.0.0.1",
        "affinity.mail.port", String.valueOf(port),
        "affinity.mail.poll-interval", "100ms");
  }

  @AfterAll
  void stopSmtp() {
    smtp.stop();
  }

  @Test
  @SuppressWarnings("unchecked")
  void eachTreatmentRecipientGetsOneMessageWithTheirOwnRecommendations() throws Exception {
    String prefix = "pc" + UUID.randomUUID().toString().substring(0, 6) + "-";
    shops.load(ShopSpec.of(300, 80, 15_000, 3).withIdPrefix(prefix), ProgressListener.NONE);
    trainer.train(ProgressListener.NONE);
    long newsletter = templates.idOfKey("recommendations-newsletter").orElseThrow();
    long snapshot = Snapshots.of(tx, prefix);
    Reply created =
        api.post(
            "/api/campaigns",
            "{\"name\":\"newsletter "
                + run
                + "\",\"snapshotId\":"
                + snapshot
                + ",\"fromAddress\":\"shop@shop.example\",\"controlPercent\":20,"
                + "\"variants\":[{\"name\":\"A\",\"templateId\":"
                + newsletter
                + ",\"weight\":1}]}",
            MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    Number id = (Number) created.json().get("id");
    assertThat(api.post("/api/campaigns/" + id + "/launch", "", MARKETING).status()).isEqualTo(200);
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!"finished".equals(api.get("/api/campaigns/" + id, MARKETING).json().get("status"))
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    Map<String, Object> campaign = api.get("/api/campaigns/" + id, MARKETING).json();
    assertThat(campaign.get("status")).as("%s", campaign).isEqualTo("finished");

    Map<String, String[]> recipients = recipients(id.longValue()); // email -> id, arm, state
    Map<String, Integer> received = new HashMap<>();
    int checked = 0;
    for (MimeMessage m : smtp.getReceivedMessages()) {
      String to = ((InternetAddress) m.getAllRecipients()[0]).getAddress();
      String[] r = recipients.get(to);
      if (r == null) {
        continue; // another test's mail
      }
      received.merge(to, 1, Integer::sum);
      assertThat(r[1]).as("a control recipient got mail").isNotEqualTo("control");
      Set<String> linked = new TreeSet<>();
      Matcher click = CLICK.matcher(html(m));
      while (click.find()) {
        TrackingToken token = signer.verify(click.group(1)).orElseThrow();
        assertThat(token.campaignId()).isEqualTo(id.longValue());
        if (token.slot() != null && token.slot().startsWith("rec")) {
          linked.add(token.itemId());
        }
      }
      List<Map<String, Object>> own =
          (List<Map<String, Object>>)
              api.get("/api/recommendations/customers/" + r[0] + "?limit=6", RECOMMEND)
                  .json()
                  .get("items");
      Set<String> expected = new TreeSet<>();
      own.forEach(item -> expected.add((String) item.get("itemId")));
      assertThat(linked).as("links in %s's message", r[0]).isEqualTo(expected);
      checked++;
    }
    long treatmentSent = recipients.values().stream().filter(r -> r[2].equals("sent")).count();
    assertThat(checked).isEqualTo((int) treatmentSent).isPositive();
    assertThat(received.values()).allMatch(n -> n == 1);
    long control = recipients.values().stream().filter(r -> r[1].equals("control")).count();
    assertThat(control).as("20% of %s", recipients.size()).isBetween(30L, 90L);
  }

  private static String html(MimeMessage m) throws Exception {
    MimeMultipart parts = (MimeMultipart) m.getContent();
    return (String) parts.getBodyPart(1).getContent();
  }

  /** The campaign's recipients by e-mail: shop id, arm and state. */
  private Map<String, String[]> recipients(long campaign) {
    return tx.read(
        c -> {
          Map<String, String[]> out = new HashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT c.email, c.external_id, r.arm, r.state FROM campaign_recipients r"
                      + " JOIN customers c ON c.id = r.customer_id WHERE r.campaign_id = ?")) {
            ps.setLong(1, campaign);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(
                    rs.getString(1),
                    new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
              }
            }
          }
          return out;
        });
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
