package io.affinity.service.api.campaigns;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.ConsentSource;
import io.affinity.core.consent.ConsentStatement;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignApiTest extends ApiTestBase implements TestPropertyProvider {
  private final int port = freePort();
  private final GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
  @Inject Transactions tx;
  @Inject ConsentLedger ledger;
  private long greeting;

  CampaignApiTest() {
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

  private long snapshotOfCustomers(int n, int unsubscribed) {
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(run)
          .append("-")
          .append(i)
          .append("\",\"email\":\"")
          .append(run)
          .append("-")
          .append(i)
          .append("@test.example\",\"name\":\"Cust ")
          .append(i)
          .append("\",\"emailConsent\":true}");
    }
    assertThat(api.post("/api/customers/batch", batch.append("]").toString(), INGEST).status())
        .isEqualTo(200);
    for (int i = 0; i < unsubscribed; i++) {
      Reply r =
          api.post(
              "/api/events",
              "{\"type\":\"unsubscribe\",\"customerId\":\"" + run + "-" + i + "\"}",
              INGEST);
      assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    }
    return Snapshots.of(tx, run + "-");
  }

  /** A template greeting each customer by name and id, created through the API once. */
  private long greeting() {
    if (greeting == 0) {
      Reply created =
          api.post(
              "/api/templates",
              "{\"key\":\"greeting-"
                  + run
                  + "\",\"name\":\"Greeting\",\"subject\":\"Hello ${customer.name!\\\"there\\\"}\","
                  + "\"html\":\"<p>Hi ${customer.name!\\\"there\\\"}, customer ${customer.id}</p>\"}",
              MARKETING);
      assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
      greeting = ((Number) created.json().get("id")).longValue();
    }
    return greeting;
  }

  private String body(long snapshot, String extra) {
    return "{\"name\":\"api "
        + run
        + "\",\"snapshotId\":"
        + snapshot
        + ",\"fromAddress\":\"shop@shop.example\",\"fromName\":\"Shop\","
        + "\"variants\":[{\"name\":\"A\",\"templateId\":"
        + greeting()
        + ",\"weight\":1}]"
        + extra
        + "}";
  }

  @Test
  @SuppressWarnings("unchecked")
  void createLaunchAndWatchItFinish() throws Exception {
    long snapshot = snapshotOfCustomers(12, 2);
    Reply created = api.post("/api/campaigns", body(snapshot, ",\"controlPercent\":0"), MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    assertThat(created.json()).containsEntry("status", "draft");
    Number id = (Number) created.json().get("id");

    Reply list = api.get("/api/campaigns?status=draft", MARKETING);
    assertThat((List<Map<String, Object>>) list.body())
        .extracting(m -> ((Number) m.get("id")).longValue())
        .contains(id.longValue());

    Reply launched = api.post("/api/campaigns/" + id + "/launch", "", MARKETING);
    assertThat(launched.status()).as("%s", launched.body()).isEqualTo(200);
    assertThat(launched.json()).containsEntry("status", "running");

    Reply read = api.get("/api/campaigns/" + id, MARKETING);
    long until = System.currentTimeMillis() + 30_000;
    while (!"finished".equals(read.json().get("status")) && System.currentTimeMillis() < until) {
      Thread.sleep(100);
      read = api.get("/api/campaigns/" + id, MARKETING);
    }
    assertThat(read.json()).containsEntry("status", "finished");
    Map<String, Object> progress = (Map<String, Object>) read.json().get("progress");
    Map<String, Object> states = (Map<String, Object>) progress.get("states");
    assertThat(states).containsEntry("sent", 10).containsEntry("suppressed", 2);
    assertThat(progress).containsEntry("recipients", 12).containsKey("ratePerSecond");

    int toRun = 0;
    for (Message m : smtp.getReceivedMessages()) {
      String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
      if (to.startsWith(run)) {
        toRun++;
        assertThat(to).isNotIn(run + "-0@test.example", run + "-1@test.example");
      }
    }
    assertThat(toRun).isEqualTo(10);

    Reply suppressed = api.get("/api/campaigns/" + id + "/recipients?state=suppressed", MARKETING);
    assertThat((List<Map<String, Object>>) suppressed.body())
        .extracting(m -> m.get("customerId") + " " + m.get("error"))
        .containsExactlyInAnyOrder(run + "-0 unsubscribed", run + "-1 unsubscribed");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aLateHardBounceAndAComplaintAreCountedInTheProgress() throws Exception {
    long snapshot = snapshotOfCustomers(3, 0);
    Reply created = api.post("/api/campaigns", body(snapshot, ",\"controlPercent\":0"), MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    Number id = (Number) created.json().get("id");
    assertThat(api.post("/api/campaigns/" + id + "/launch", "", MARKETING).status()).isEqualTo(200);
    Map<String, Object> done = finished(id);
    assertThat((Map<String, Object>) ((Map<String, Object>) done.get("progress")).get("states"))
        .containsEntry("sent", 3)
        .containsEntry("bounced", 0)
        .containsEntry("complained", 0);
    for (int i = 0; i < 3; i++) {
      assertThat(received(run + "-" + i + "@test.example")).isEqualTo(1);
    }
    List<Map<String, Object>> sent =
        (List<Map<String, Object>>)
            api.get("/api/campaigns/" + id + "/recipients?state=sent", MARKETING).body();
    Map<String, String> messageIds = new java.util.HashMap<>();
    sent.forEach(r -> messageIds.put((String) r.get("customerId"), (String) r.get("messageId")));

    // What a provider's webhook reports later: one address bounced for good, one complained.
    Reply reported =
        api.post(
            "/api/deliverability/events",
            api.toJson(
                List.of(
                    Map.of(
                        "type", "bounce",
                        "bounceType", "hard",
                        "messageId", messageIds.get(run + "-0"),
                        "detail", "550 5.1.1 user unknown"),
                    Map.of("type", "complaint", "messageId", messageIds.get(run + "-1")))),
            TestApi.ADMIN);
    assertThat(reported.status()).as("%s", reported.body()).isEqualTo(200);

    Map<String, Object> progress =
        (Map<String, Object>) api.get("/api/campaigns/" + id, MARKETING).json().get("progress");
    assertThat((Map<String, Object>) progress.get("states"))
        .containsEntry("sent", 1)
        .containsEntry("bounced", 1)
        .containsEntry("complained", 1);
    assertThat(progress).containsEntry("recipients", 3);
  }

  /** Campaign {@code id} once it has finished (within 30 s). */
  private Map<String, Object> finished(Number id) throws InterruptedException {
    Reply read = api.get("/api/campaigns/" + id, MARKETING);
    long until = System.currentTimeMillis() + 30_000;
    while (!"finished".equals(read.json().get("status")) && System.currentTimeMillis() < until) {
      Thread.sleep(100);
      read = api.get("/api/campaigns/" + id, MARKETING);
    }
    assertThat(read.json()).containsEntry("status", "finished");
    return read.json();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCampaignGivenASegmentFreezesItsAudienceAtLaunch() throws Exception {
    String postcode = "PC-" + run;
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 6; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(run)
          .append("-s")
          .append(i)
          .append("\",\"email\":\"")
          .append(run)
          .append("-s")
          .append(i)
          .append("@test.example\",\"emailConsent\":true,\"postcode\":\"")
          .append(i < 4 ? postcode : "ELSEWHERE")
          .append("\"}");
    }
    assertThat(api.post("/api/customers/batch", batch.append("]").toString(), INGEST).status())
        .isEqualTo(200);
    Reply segment =
        api.post(
            "/api/segments",
            "{\"name\":\"postcode "
                + run
                + "\",\"rules\":{\"all\":[{\"field\":\"postcode\",\"op\":\"=\",\"value\":\""
                + postcode
                + "\"}]}}",
            MARKETING);
    assertThat(segment.status()).as("%s", segment.body()).isEqualTo(201);
    Number segmentId = (Number) segment.json().get("id");
    Reply created =
        api.post(
            "/api/campaigns",
            "{\"name\":\"segment "
                + run
                + "\",\"segmentId\":"
                + segmentId
                + ",\"fromAddress\":\"shop@shop.example\","
                + "\"variants\":[{\"name\":\"A\",\"templateId\":"
                + greeting()
                + "}]}",
            MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    assertThat(created.json()).doesNotContainKey("snapshotId");
    Number id = (Number) created.json().get("id");

    Reply launched = api.post("/api/campaigns/" + id + "/launch", "", MARKETING);

    assertThat(launched.status()).as("%s", launched.body()).isEqualTo(200);
    assertThat(launched.json()).containsKey("snapshotId").containsEntry("segmentId", segmentId);
    Map<String, Object> progress = (Map<String, Object>) launched.json().get("progress");
    assertThat(progress).containsEntry("recipients", 4);
    assertProblem(
        api.post(
            "/api/campaigns",
            "{\"name\":\"x\",\"segmentId\":999999999,\"fromAddress\":\"shop@shop.example\","
                + "\"variants\":[{\"name\":\"A\",\"templateId\":"
                + greeting()
                + "}]}",
            MARKETING),
        422);
  }

  @Test
  void transitionsTheStateDoesNotAllowAre409() {
    long snapshot = snapshotOfCustomers(1, 0);
    Number id = (Number) api.post("/api/campaigns", body(snapshot, ""), MARKETING).json().get("id");
    Reply pause = api.post("/api/campaigns/" + id + "/pause", "", MARKETING);
    assertProblem(pause, 409);
    assertThat((String) pause.json().get("detail")).contains("is draft");
    assertProblem(api.post("/api/campaigns/" + id + "/resume", "", MARKETING), 409);
    assertThat(api.post("/api/campaigns/" + id + "/cancel", "", MARKETING).json())
        .containsEntry("status", "cancelled");
    assertProblem(api.post("/api/campaigns/" + id + "/launch", "", MARKETING), 409);
  }

  @Test
  void badRequestsAreProblems() {
    long snapshot = snapshotOfCustomers(1, 0);
    Reply bad =
        api.post(
            "/api/campaigns",
            body(snapshot, ",\"controlPercent\":100,\"attributionDays\":0")
                .replace("shop@shop.example", "nobody"),
            MARKETING);
    assertProblem(bad, 422);
    assertThat(bad.errorFields())
        .containsExactlyInAnyOrder("fromAddress", "controlPercent", "attributionDays");
    Reply template =
        api.post(
            "/api/campaigns",
            body(snapshot, "").replace("\"templateId\":" + greeting(), "\"templateId\":999999999"),
            MARKETING);
    assertProblem(template, 422);
    assertThat(template.errorFields()).containsExactly("variants[0].templateId");
    assertProblem(api.post("/api/campaigns", "{\"nam\":1}", MARKETING), 422);
    assertProblem(api.get("/api/campaigns/999999999", MARKETING), 404);
    assertProblem(api.get("/api/campaigns/abc", MARKETING), 404);
    assertProblem(api.post("/api/campaigns/999999999/launch", "", MARKETING), 404);
    assertProblem(api.get("/api/campaigns?status=sleeping", MARKETING), 422);
    Number id = (Number) api.post("/api/campaigns", body(snapshot, ""), MARKETING).json().get("id");
    Reply state = api.get("/api/campaigns/" + id + "/recipients?state=lost", MARKETING);
    assertProblem(state, 422);
    assertThat(state.errorFields()).containsExactly("state");
    assertProblem(api.get("/api/campaigns", INGEST), 403);
    assertProblem(api.post("/api/campaigns/" + id + "/launch", "", INGEST), 403);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCampaignsTopicIsKeptAndAPersonWhoLeftItIsNotMailed() throws Exception {
    long snapshot = snapshotOfCustomers(2, 0);
    long leaver = customerId(run + "-0");
    ledger.record(
        List.of(
            ConsentStatement.email(
                    leaver,
                    false,
                    System.currentTimeMillis(),
                    ConsentSource.PREFERENCE_CENTRE,
                    null)
                .forTopic("offers")));
    Map<String, Object> offers = sendAndRead(body(snapshot, ",\"topic\":\"offers\""));
    Map<String, Object> news = sendAndRead(body(snapshot, ",\"topic\":\"newsletter\""));

    assertThat(offers).containsEntry("topic", "offers");
    assertThat(news).containsEntry("topic", "newsletter");
    Map<String, Object> states =
        (Map<String, Object>) ((Map<String, Object>) offers.get("progress")).get("states");
    assertThat(states)
        .containsEntry("sent", 1)
        .containsEntry("suppressed", 1)
        .containsKey("capped");
    Reply suppressed =
        api.get("/api/campaigns/" + offers.get("id") + "/recipients?state=suppressed", MARKETING);
    assertThat((List<Map<String, Object>>) suppressed.body())
        .extracting(m -> m.get("customerId") + " " + m.get("error"))
        .containsExactly(run + "-0 left the topic 'offers'");
    assertThat(received(run + "-0@test.example")).isEqualTo(1);
    assertThat(received(run + "-1@test.example")).isEqualTo(2);

    Reply bad = api.post("/api/campaigns", body(snapshot, ",\"topic\":\"Offers!\""), MARKETING);
    assertProblem(bad, 422);
    assertThat(bad.errorFields()).containsExactly("topic");
  }

  /** Creates and launches the campaign {@code json} and reads it once it finished. */
  private Map<String, Object> sendAndRead(String json) throws InterruptedException {
    Reply created = api.post("/api/campaigns", json, MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    Number id = (Number) created.json().get("id");
    assertThat(api.post("/api/campaigns/" + id + "/launch", "", MARKETING).status()).isEqualTo(200);
    Reply read = api.get("/api/campaigns/" + id, MARKETING);
    long until = System.currentTimeMillis() + 30_000;
    while (!"finished".equals(read.json().get("status")) && System.currentTimeMillis() < until) {
      Thread.sleep(100);
      read = api.get("/api/campaigns/" + id, MARKETING);
    }
    assertThat(read.json()).containsEntry("status", "finished");
    return read.json();
  }

  private long customerId(String externalId) {
    return tx.read(
        c -> {
          try (var ps = c.prepareStatement("SELECT id FROM customers WHERE external_id = ?")) {
            ps.setString(1, externalId);
            try (var rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private int received(String address) throws Exception {
    int n = 0;
    for (Message m : smtp.getReceivedMessages()) {
      String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
      n += to.equalsIgnoreCase(address) ? 1 : 0;
    }
    return n;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
