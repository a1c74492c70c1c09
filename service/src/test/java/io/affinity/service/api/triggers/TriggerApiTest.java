package io.affinity.service.api.triggers;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The trigger API end to end: a household is sent to us over the ingest API, a trigger created over
 * the marketing API with the shipped cross-sell template, a member's purchase posted as an event;
 * the scheduled evaluation and delivery send exactly one message, to the other member; the
 * trigger's lift report answers. Bad input is a problem document naming the field.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriggerApiTest extends ApiTestBase implements TestPropertyProvider {
  private final int port = freePort();
  private final GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
  @Inject TemplateService templates;
  @Inject io.affinity.campaigns.campaign.Transactions tx;
  @Inject io.affinity.core.synthetic.SyntheticShopLoader shops;
  @Inject io.affinity.recommender.model.ModelTrainer trainer;

  TriggerApiTest() {
    smtp.start();
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "affinity.mail.host", "127.0.0.1",
        "affinity.mail.port", String.valueOf(port),
        "affinity.mail.poll-interval", "100ms",
        "affinity.triggers.poll-interval", "200ms");
  }

  @AfterAll
  void stopSmtp() {
    smtp.stop();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMembersPurchaseSendsOneMessageToTheOtherMember() throws Exception {
    // The cross-sell template renders offers: a model must exist (a small synthetic shop's).
    shops.load(
        io.affinity.core.synthetic.ShopSpec.of(300, 80, 15_000, 3).withIdPrefix("tr" + run + "-"),
        io.affinity.core.progress.ProgressListener.NONE);
    trainer.train(io.affinity.core.progress.ProgressListener.NONE);
    String household = "h-" + run;
    assertThat(
            api.put("/api/households/" + household, "{\"name\":\"Home " + run + "\"}", INGEST)
                .status())
        .isEqualTo(200);
    for (String member : List.of("buyer", "other")) {
      Reply r =
          api.put(
              "/api/customers/" + member + "-" + run,
              "{\"email\":\""
                  + member
                  + "-"
                  + run
                  + "@test.example\",\"householdId\":\""
                  + household
                  + "\",\"emailConsent\":true,\"consentSource\":\"signup\"}",
              INGEST);
      assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    }
    String category = "Garden" + run;
    assertThat(
            api.put(
                    "/api/products/p-" + run,
                    "{\"name\":\"Spade\",\"categoryPath\":\""
                        + category
                        + "/Tools\",\"price\":12.5}",
                    INGEST)
                .status())
        .isEqualTo(200);
    long template = templates.idOfKey("cross-sell-offer").orElseThrow();
    Reply created =
        api.post(
            "/api/triggers",
            "{\"name\":\"garden "
                + run
                + "\",\"categoryPrefix\":\""
                + category
                + "\",\"templateId\":"
                + template
                + ",\"fromAddress\":\"shop@shop.example\",\"holdoutPercent\":0}",
            MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    Number id = (Number) created.json().get("id");
    assertThat(created.json())
        .containsEntry("status", "active")
        .containsEntry("audience", "others")
        .containsEntry("includeBuyer", false)
        .containsEntry("householdCap", 1)
        .containsEntry("householdCapDays", 30);
    assertThat(api.get("/api/triggers/" + id, MARKETING).json())
        .containsEntry("name", "garden " + run);
    assertThat((List<Object>) api.get("/api/triggers", MARKETING).body())
        .anyMatch(t -> ((Map<String, Object>) t).get("id").equals(id));

    // Two lines of one order, and a second order: one firing, one message.
    for (String line : List.of("1", "2", "3")) {
      Reply r =
          api.post(
              "/api/events",
              "{\"eventId\":\"e-"
                  + run
                  + "-"
                  + line
                  + "\",\"type\":\"purchase\",\"customerId\":\"buyer-"
                  + run
                  + "\",\"productId\":\"p-"
                  + run
                  + "\",\"orderId\":\"o-"
                  + run
                  + (line.equals("3") ? "b" : "a")
                  + "\",\"quantity\":1,\"unitPrice\":12.5,\"time\":\""
                  + Instant.now()
                  + "\"}",
              INGEST);
      assertThat(r.status()).as("%s", r.body()).isLessThan(300);
    }

    String other = "other-" + run + "@test.example";
    long until = System.currentTimeMillis() + 60_000;
    while (received(other).isEmpty() && System.currentTimeMillis() < until) {
      Thread.sleep(200);
    }
    Thread.sleep(1_500); // anything extra would arrive now
    assertThat(received(other))
        .as(
            "firings %s, recipients %s",
            rows("SELECT * FROM trigger_firings WHERE trigger_id = ?", id),
            rows(
                "SELECT r.*, cu.household_id FROM campaign_recipients r JOIN trigger_campaigns t"
                    + " ON t.campaign_id = r.campaign_id JOIN customers cu"
                    + " ON cu.id = r.customer_id WHERE t.trigger_id = ?",
                id))
        .hasSize(1);
    assertThat(received("buyer-" + run + "@test.example")).isEmpty();
    assertThat(received(other).get(0).getSubject()).isNotBlank();

    Reply lift = api.get("/api/triggers/" + id + "/lift", MARKETING);
    assertThat(lift.status()).as("%s", lift.body()).isEqualTo(200);
    Map<String, Object> campaign = (Map<String, Object>) lift.json().get("campaign");
    assertThat(campaign).containsEntry("kind", "trigger").containsEntry("id", id);
    Map<String, Object> treatment =
        (Map<String, Object>) ((Map<String, Object>) lift.json().get("overall")).get("treatment");
    assertThat(treatment).containsEntry("recipients", 1);

    Reply paused = api.post("/api/triggers/" + id + "/pause", "", MARKETING);
    assertThat(paused.json()).containsEntry("status", "paused");
    assertProblem(api.put("/api/triggers/" + id + "/pause", "", MARKETING), 409);
    assertThat(api.put("/api/triggers/" + id + "/resume", "", MARKETING).json())
        .containsEntry("status", "active");
    api.post("/api/triggers/" + id + "/pause", "", MARKETING);
  }

  @Test
  void badInputIsAProblemNamingTheFieldAndNothingIsStored() {
    int before = ((List<?>) api.get("/api/triggers?limit=500", MARKETING).body()).size();
    Reply reply =
        api.post(
            "/api/triggers",
            "{\"name\":\"bad "
                + run
                + "\",\"productId\":\"no-such-"
                + run
                + "\",\"templateId\":999999999,\"fromAddress\":\"shop@shop.example\","
                + "\"holdoutPercent\":150,\"delayMinutes\":-1}",
            MARKETING);
    assertProblem(reply, 422);
    assertThat(reply.errorFields())
        .contains("productId", "templateId", "holdoutPercent", "delayMinutes");
    assertThat(((List<?>) api.get("/api/triggers?limit=500", MARKETING).body()).size())
        .isEqualTo(before);

    assertProblem(api.post("/api/triggers", "{not json", MARKETING), 400);
    assertProblem(api.get("/api/triggers/999999999", MARKETING), 404);
    assertProblem(api.get("/api/triggers?limit=0", MARKETING), 422);
    assertThat(api.post("/api/triggers", "{}", INGEST).status()).isEqualTo(403);
  }

  @Test
  void aTriggerThatNeverFiredHasNoLiftYet() {
    long template = templates.idOfKey("cross-sell-offer").orElseThrow();
    Reply created =
        api.post(
            "/api/triggers",
            "{\"name\":\"quiet "
                + run
                + "\",\"categoryPrefix\":\"Nothing"
                + run
                + "\",\"templateId\":"
                + template
                + ",\"fromAddress\":\"shop@shop.example\"}",
            MARKETING);
    Number id = (Number) created.json().get("id");
    assertProblem(api.get("/api/triggers/" + id + "/lift", MARKETING), 409);
    api.post("/api/triggers/" + id + "/pause", "", MARKETING);
  }

  private List<MimeMessage> received(String address) throws Exception {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (((InternetAddress) m.getAllRecipients()[0]).getAddress().equalsIgnoreCase(address)) {
        out.add(m);
      }
    }
    return out;
  }

  private List<Map<String, Object>> rows(String sql, Object param) {
    return tx.read(
        c -> {
          try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            List<Map<String, Object>> out = new ArrayList<>();
            try (java.sql.ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                Map<String, Object> row = new java.util.TreeMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                  row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), rs.getObject(i));
                }
                out.add(row);
              }
            }
            return out;
          }
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
