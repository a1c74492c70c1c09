package io.affinity.service.api.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.delivery.ReturnPaths;
import io.affinity.core.consent.ConsentDecision;
import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.ConsentSource;
import io.affinity.core.consent.ConsentStatement;
import io.affinity.core.consent.SuppressionList;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/deliverability/events} with the providers' published sample payloads: each hard
 * bounce or complaint suppresses the address, marks the recipient and withdraws consent so that a
 * sync cannot bring it back; soft bounces count; bad bodies are refused whole.
 */
@MicronautTest(transactional = false)
@Property(name = "affinity.api-keys.test-webhook.key", value = DeliverabilityWebhookTest.WEBHOOK)
@Property(name = "affinity.api-keys.test-webhook.scopes", value = "webhook")
@Property(name = "affinity.deliverability.soft-bounce-limit", value = "3")
class DeliverabilityWebhookTest extends ApiTestBase {
  static final String WEBHOOK = "test-webhook-key-00000001";
  private static final String EVENTS = "/api/deliverability/events";

  @Inject Transactions tx;
  @Inject SuppressionList suppressions;
  @Inject ConsentLedger ledger;
  @Inject ReturnPaths returnPaths;

  /** A consenting customer of this test, sent a campaign message; returns the row. */
  private SentRecipient customerSentTo(String tag, String email) {
    String id = run + "-" + tag;
    TestApi.Reply created =
        api.post(
            "/api/customers/batch",
            api.toJson(List.of(Map.of("id", id, "email", email, "emailConsent", true))),
            TestApi.INGEST);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(200);
    return SentRecipient.of(tx, id, run + tag);
  }

  private static String fixture(String name) {
    try (InputStream in =
        DeliverabilityWebhookTest.class.getResourceAsStream("/deliverability/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The SNS notification sample carrying {@code sesNotification} as its Message. */
  private String throughSns(String sesNotification) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> envelope = json.readValue(fixture("sns-notification.json"), Map.class);
    envelope.put("Message", sesNotification);
    return api.toJson(envelope);
  }

  private TestApi.Reply post(String body) {
    return api.post(EVENTS, body, WEBHOOK);
  }

  private String reason(String email) {
    return tx.read(c -> suppressions.reason(c, email));
  }

  private Map<String, Object> consent(String tag) {
    TestApi.Reply view = api.get("/api/customers/" + run + "-" + tag, TestApi.MARKETING);
    @SuppressWarnings("unchecked")
    Map<String, Object> consent = (Map<String, Object>) view.json().get("consent");
    return consent;
  }

  /** What a nightly sync saying "consent: yes" gets from the ledger now. */
  private ConsentDecision syncGrant(SentRecipient s) {
    return ledger
        .record(
            List.of(
                ConsentStatement.email(
                    s.customerId(), true, System.currentTimeMillis(), ConsentSource.API, "sync")))
        .get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> firstReport(TestApi.Reply reply) {
    return ((List<Map<String, Object>>) reply.json().get("reports")).get(0);
  }

  @Test
  void anSesPermanentBounceThroughSnsSuppressesMarksTheRecipientAndWithdrawsConsent()
      throws Exception {
    String email = run + "-jane@test.example";
    SentRecipient s = customerSentTo("jane", email);
    String ses =
        fixture("ses-bounce-permanent.json")
            .replace("jane@example.com", email)
            .replace("custom-message-ID", s.messageId());

    // SNS posts text/plain.
    TestApi.Reply reply =
        api.send(
            HttpRequest.POST(EVENTS, throughSns(ses)).contentType(MediaType.TEXT_PLAIN_TYPE),
            WEBHOOK);

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    Map<String, Object> report = firstReport(reply);
    assertThat(report)
        .containsEntry("kind", "hard-bounce")
        .containsEntry("provider", "ses")
        .containsEntry("matchedBy", "message-id")
        .containsEntry("duplicate", false);
    assertThat(((Number) report.get("recipientId")).longValue()).isEqualTo(s.recipientId());
    assertThat(reason(email)).isEqualTo(SuppressionList.BOUNCED);
    assertThat(s.state(tx)).isEqualTo("bounced");
    String error = tx.read(c -> error(c, s.recipientId()));
    assertThat(error).isEqualTo("hard bounce (ses): 550 5.1.1 <[address]>... User");
    assertThat(consent("jane")).containsEntry("email", false).containsEntry("source", "bounce");
    assertThat(syncGrant(s).refused()).isTrue();
    assertThat(consent("jane")).containsEntry("email", false);
  }

  @Test
  void theSameNotificationPostedAgainChangesNothing() throws Exception {
    String email = run + "-again@test.example";
    SentRecipient s = customerSentTo("again", email);
    String body =
        throughSns(
            fixture("ses-bounce-permanent.json")
                .replace("jane@example.com", email)
                .replace("custom-message-ID", s.messageId()));
    post(body);

    TestApi.Reply again = post(body);

    assertThat(again.status()).isEqualTo(200);
    assertThat(firstReport(again)).containsEntry("duplicate", true);
    int recorded =
        tx.read(
            c -> {
              try (var ps =
                  c.prepareStatement(
                      "SELECT COUNT(*) FROM delivery_reports WHERE recipient_id = ?")) {
                ps.setLong(1, s.recipientId());
                try (var rs = ps.executeQuery()) {
                  rs.next();
                  return rs.getInt(1);
                }
              }
            });
    assertThat(recorded).isEqualTo(1);
  }

  @Test
  void anSesComplaintSuppressesAndWithdrawsConsentAsAComplaint() throws Exception {
    String email = run + "-richard@test.example";
    SentRecipient s = customerSentTo("richard", email);
    String ses =
        fixture("ses-complaint.json")
            .replace("richard@example.com", email)
            .replace("custom-message-ID", s.messageId());

    TestApi.Reply reply = post(throughSns(ses));

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    assertThat(firstReport(reply))
        .containsEntry("kind", "complaint")
        .containsEntry("matchedBy", "message-id");
    assertThat(reason(email)).isEqualTo(SuppressionList.COMPLAINED);
    assertThat(s.state(tx)).isEqualTo("complained");
    assertThat(consent("richard"))
        .containsEntry("email", false)
        .containsEntry("source", "complaint");
    assertThat(syncGrant(s).refused()).isTrue();
  }

  @Test
  void aPostmarkHardBounceIsMatchedByTheAddress() {
    String email = run + "-john@test.example";
    SentRecipient s = customerSentTo("john", email);

    TestApi.Reply reply = post(fixture("postmark-bounce.json").replace("john@example.com", email));

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    assertThat(firstReport(reply))
        .containsEntry("kind", "hard-bounce")
        .containsEntry("provider", "postmark")
        .containsEntry("matchedBy", "address")
        .containsEntry("customers", List.of(run + "-john"));
    assertThat(reason(email)).isEqualTo(SuppressionList.BOUNCED);
    assertThat(s.state(tx)).isEqualTo("bounced");
    assertThat(consent("john")).containsEntry("email", false);
    assertThat(syncGrant(s).refused()).isTrue();
  }

  @Test
  void aPostmarkSpamComplaintMarksTheRecipientComplained() {
    String email = run + "-spam@test.example";
    SentRecipient s = customerSentTo("spam", email);

    TestApi.Reply reply =
        post(fixture("postmark-spam-complaint.json").replace("john@example.com", email));

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    assertThat(firstReport(reply)).containsEntry("kind", "complaint");
    assertThat(reason(email)).isEqualTo(SuppressionList.COMPLAINED);
    assertThat(s.state(tx)).isEqualTo("complained");
    assertThat(consent("spam")).containsEntry("email", false).containsEntry("source", "complaint");
    assertThat(syncGrant(s).refused()).isTrue();
  }

  @Test
  void aMailgunPermanentFailureIsMatchedByItsVerpReturnPath() {
    String email = run + "-alice@test.example";
    SentRecipient s = customerSentTo("alice", email);
    String verp = "bounces+" + returnPaths.token(s.recipientId()) + "@shop.example";

    TestApi.Reply reply =
        post(
            fixture("mailgun-failed-permanent.json")
                .replace("alice@example.com", email)
                .replace("bob@alertas.crcmg.org.br", verp));

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    assertThat(firstReport(reply))
        .containsEntry("kind", "hard-bounce")
        .containsEntry("provider", "mailgun")
        .containsEntry("matchedBy", "verp");
    assertThat(reason(email)).isEqualTo(SuppressionList.BOUNCED);
    assertThat(s.state(tx)).isEqualTo("bounced");
  }

  @Test
  void theThirdSoftBounceInTheWindowSuppressesTheAddress() {
    String email = run + "-soft@test.example";
    SentRecipient s = customerSentTo("soft", email);
    long now = System.currentTimeMillis();
    TestApi.Reply last = null;
    for (int i = 3; i >= 1; i--) {
      assertThat(reason(email)).isNull();
      last =
          post(
              api.toJson(
                  Map.of(
                      "type", "bounce",
                      "bounceType", "soft",
                      "email", email,
                      "occurredAt", Instant.ofEpochMilli(now - i * 86_400_000L).toString(),
                      "detail", "452 4.2.2 mailbox full")));
      assertThat(last.status()).as("%s", last.body()).isEqualTo(200);
    }

    assertThat(firstReport(last).get("actions").toString()).contains("soft bounce 3 of 3");
    assertThat(reason(email)).isEqualTo(SuppressionList.SOFT_BOUNCED);
    assertThat(consent("soft")).containsEntry("email", false).containsEntry("source", "bounce");
    // A soft bounce leaves the recipient as sent: the message may yet have arrived.
    assertThat(s.state(tx)).isEqualTo("sent");
  }

  @Test
  void softBouncesOutsideTheWindowDoNotCountWhicheverArrivesFirst() {
    long now = System.currentTimeMillis();
    long day = 86_400_000L;
    // The limit is 3 in the default window of 30 days (application.yml).
    List<long[]> orders =
        List.of(
            new long[] {now - 41 * day, now - 40 * day, now},
            // Reports that arrive late: the one of now must not count towards them.
            new long[] {now, now - 41 * day, now - 40 * day});
    // What the last report of each order counts: itself, and the one of the day before.
    List<String> counted = List.of("soft bounce 1 of 3", "soft bounce 2 of 3");
    for (int o = 0; o < orders.size(); o++) {
      String email = run + "-late" + o + "@test.example";
      customerSentTo("late" + o, email);
      TestApi.Reply last = null;
      for (long at : orders.get(o)) {
        last = post(softBounce(email, at));
        assertThat(last.status()).as("%s", last.body()).isEqualTo(200);
      }

      assertThat(firstReport(last).get("actions").toString())
          .as("order %d", o)
          .contains(counted.get(o));
      assertThat(reason(email)).as("order %d", o).isNull();
      assertThat(consent("late" + o)).containsEntry("email", true);
    }
  }

  private String softBounce(String email, long at) {
    return api.toJson(
        Map.of(
            "type", "bounce",
            "bounceType", "soft",
            "email", email,
            "occurredAt", Instant.ofEpochMilli(at).toString(),
            "detail", "452 4.2.2 mailbox full"));
  }

  @Test
  void anArrayOfGenericEventsIsRecordedTogetherAndAnAdminKeyMayPostIt() {
    String email = run + "-gen@test.example";
    SentRecipient s = customerSentTo("gen", email);

    TestApi.Reply reply =
        api.post(
            EVENTS,
            "[{\"type\": \"delivery\", \"messageId\": \""
                + s.messageId()
                + "\"}, {\"type\": \"complaint\", \"email\": \""
                + email
                + "\", \"id\": \"fbl-"
                + run
                + "\"}, {\"type\": \"bounce\", \"bounceType\": \"hard\", \"email\":"
                + " \"nobody-"
                + run
                + "@test.example\"}]",
            TestApi.ADMIN);

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    assertThat(reply.json()).containsEntry("received", 3);
    assertThat(s.state(tx)).isEqualTo("complained");
    // An address we do not know is recorded and suppressed, matching no one.
    @SuppressWarnings("unchecked")
    Map<String, Object> unknown = ((List<Map<String, Object>>) reply.json().get("reports")).get(2);
    assertThat(unknown.get("matchedBy")).isNull();
    assertThat(reason("nobody-" + run + "@test.example")).isEqualTo(SuppressionList.BOUNCED);
  }

  @Test
  void anSnsSubscriptionConfirmationIsAnsweredWithANote() {
    TestApi.Reply reply = post(fixture("sns-subscription-confirmation.json"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json()).containsEntry("received", 0);
    assertThat(reply.json().get("notes").toString()).contains("SubscriptionConfirmation");
  }

  @Test
  void theKeyMayComeAsTheBasicAuthPassword() {
    String basic =
        Base64.getEncoder().encodeToString(("sns:" + WEBHOOK).getBytes(StandardCharsets.UTF_8));
    TestApi.Reply reply =
        api.send(
            HttpRequest.POST(EVENTS, fixture("sns-subscription-confirmation.json"))
                .contentType(MediaType.TEXT_PLAIN_TYPE)
                .header("Authorization", "Basic " + basic),
            null);

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
  }

  @Test
  void aKeyWithoutTheWebhookScopeIsForbidden() {
    assertProblem(
        api.post(
            EVENTS, "{\"type\": \"complaint\", \"email\": \"x@test.example\"}", TestApi.MARKETING),
        403);
    assertProblem(
        api.post(
            EVENTS, "{\"type\": \"complaint\", \"email\": \"x@test.example\"}", TestApi.INGEST),
        403);
  }

  @Test
  void garbageIsRefusedWith422AndNothingIsRecorded() {
    String email = run + "-kept@test.example";

    TestApi.Reply notJson = post("this is not JSON");
    TestApi.Reply unknown = post("{\"hello\": \"world\"}");
    TestApi.Reply oneBad =
        post(
            "[{\"type\": \"complaint\", \"email\": \""
                + email
                + "\"}, {\"type\": \"bounce\", \"bounceType\": \"medium\", \"email\": \""
                + email
                + "\", \"occurredAt\": \"yesterday\"}]");

    assertProblem(notJson, 422);
    assertThat(notJson.errorFields()).containsExactly("body");
    assertProblem(unknown, 422);
    assertThat(unknown.errors().get(0).get("reason").toString()).contains("no known format");
    assertProblem(oneBad, 422);
    assertThat(oneBad.errorFields()).containsExactly("[1].bounceType", "[1].occurredAt");
    assertThat(reason(email)).isNull();
    assertProblem(post(""), 422);
    assertProblem(post("[]"), 422);
    assertProblem(
        post("{\"Type\": \"Notification\", \"TopicArn\": \"t\", \"Message\": \"hi\"}"), 422);
  }

  @Test
  void aTimeBeyondYear9999AndHalfASurrogatePairAreRefused() {
    String email = run + "-far@test.example";
    TestApi.Reply far =
        post(
            "{\"type\": \"complaint\", \"email\": \""
                + email
                + "\", \"occurredAt\": \"+999999999-12-31T23:59:59Z\"}");
    TestApi.Reply half =
        post("{\"type\": \"complaint\", \"email\": \"" + email + "\", \"detail\": \"\\ud800\"}");

    assertProblem(far, 422);
    assertThat(far.errorFields()).containsExactly("occurredAt");
    assertProblem(half, 400);
    assertThat(reason(email)).isNull();
  }

  private static String error(java.sql.Connection c, long recipientId)
      throws java.sql.SQLException {
    try (var ps = c.prepareStatement("SELECT error FROM campaign_recipients WHERE id = ?")) {
      ps.setLong(1, recipientId);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
