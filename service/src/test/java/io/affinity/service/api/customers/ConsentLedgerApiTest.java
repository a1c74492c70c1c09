package io.affinity.service.api.customers;

import static io.affinity.service.api.TestApi.ADMIN;
import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.audit.AuditEntry;
import io.affinity.core.audit.AuditLog;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Consent through the API: withdrawal wins over syncs, old statements lose, admins re-subscribe.
 */
@MicronautTest(transactional = false)
class ConsentLedgerApiTest extends ApiTestBase {
  @Inject AuditLog audit;
  @Inject TransactionOperations<Connection> tx;

  private String subscribed(String id) {
    Reply r =
        api.put(
            "/api/customers/" + id,
            "{\"email\":\"" + id + "@example.com\",\"emailConsent\":true}",
            INGEST);
    assertThat(r.status()).isEqualTo(200);
    return id;
  }

  private void unsubscribeEvent(String id) {
    Reply r =
        api.post(
            "/api/events",
            "{\"eventId\":\"unsub-"
                + id
                + "\",\"type\":\"unsubscribe\",\"customerId\":\""
                + id
                + "\"}",
            INGEST);
    assertThat(r.status()).as("%s", r.body()).isIn(200, 201, 202);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> consent(String id) {
    Reply view = api.get("/api/customers/" + id, MARKETING);
    assertThat(view.status()).isEqualTo(200);
    return (Map<String, Object>) view.json().get("consent");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> history(Map<String, Object> consent) {
    return (List<Map<String, Object>>) consent.get("history");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aNightlySyncSayingYesDoesNotUndoAnUnsubscribeAndSaysSoPerCustomer() {
    String gone = subscribed("gone-" + run);
    String stays = subscribed("stays-" + run);
    unsubscribeEvent(gone);
    assertThat(consent(gone))
        .containsEntry("email", false)
        .containsEntry("state", "withdrawn")
        .containsEntry("source", "unsubscribe-event")
        .containsEntry("suppressed", "unsubscribed");

    Reply sync =
        api.post(
            "/api/customers/batch",
            "[{\"id\":\""
                + gone
                + "\",\"emailConsent\":true,\"name\":\"Synced\"},{\"id\":\""
                + stays
                + "\",\"emailConsent\":true}]",
            INGEST);

    assertThat(sync.status()).isEqualTo(200);
    assertThat((List<Map<String, Object>>) sync.json().get("warnings"))
        .singleElement()
        .satisfies(
            w ->
                assertThat(w)
                    .containsEntry("customerId", gone)
                    .containsEntry("field", "emailConsent")
                    .hasEntrySatisfying(
                        "reason", r -> assertThat((String) r).contains("withdrew consent")));
    Map<String, Object> after = consent(gone);
    assertThat(after).containsEntry("email", false).containsEntry("state", "withdrawn");
    // The rest of the item was stored; the refused statement is in the ledger, not applied.
    assertThat(api.get("/api/customers/" + gone, MARKETING).json()).containsEntry("name", "Synced");
    assertThat(history(after).get(0))
        .containsEntry("granted", true)
        .containsEntry("applied", false)
        .containsEntry("source", "api");
    assertThat(consent(stays)).containsEntry("email", true);
  }

  @Test
  void aSingleUpsertSayingYesAfterAnUnsubscribeAnswersWithAWarning() {
    String id = subscribed("single-" + run);
    unsubscribeEvent(id);
    Reply put =
        api.put(
            "/api/customers/" + id,
            "{\"emailConsent\":true,\"consentAt\":\"" + Instant.now() + "\"}",
            INGEST);
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json()).containsKey("warnings");
    assertThat(consent(id)).containsEntry("email", false);
  }

  @Test
  void aStatementOlderThanTheOneOnRecordIsNotApplied() {
    String id = "old-" + run;
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    api.put(
        "/api/customers/" + id,
        "{\"email\":\""
            + id
            + "@example.com\",\"emailConsent\":true,\"consentAt\":\""
            + now
            + "\"}",
        INGEST);
    Reply stale =
        api.put(
            "/api/customers/" + id,
            "{\"emailConsent\":false,\"consentAt\":\""
                + now.minus(3 * 365, ChronoUnit.DAYS)
                + "\"}",
            INGEST);
    assertThat(stale.json()).containsKey("warnings");
    assertThat(String.valueOf(stale.json().get("warnings")))
        .contains("older than the one on record");
    assertThat(consent(id)).containsEntry("email", true).containsEntry("state", "granted");
  }

  @Test
  void aConsentTimeInTheFutureIsRefusedAndNothingIsStored() {
    String id = "future-" + run;
    Reply r =
        api.put(
            "/api/customers/" + id,
            "{\"emailConsent\":true,\"consentAt\":\"2099-01-01T00:00:00Z\"}",
            INGEST);
    assertProblem(r, 422);
    assertThat(r.errorFields()).contains("consentAt");
    assertThat(api.get("/api/customers/" + id, MARKETING).status()).isEqualTo(404);
  }

  @Test
  void anAdminWithAReasonReSubscribesAndTheLedgerKeepsTheReason() {
    String id = subscribed("admin-" + run);
    unsubscribeEvent(id);

    Reply noReason =
        api.post("/api/customers/" + id + "/consent", "{\"emailConsent\":true}", ADMIN);
    assertProblem(noReason, 422);
    Reply marketing =
        api.post(
            "/api/customers/" + id + "/consent",
            "{\"emailConsent\":true,\"reason\":\"asked by phone\"}",
            MARKETING);
    assertProblem(marketing, 403);
    assertThat(consent(id)).containsEntry("email", false);

    Reply admin =
        api.post(
            "/api/customers/" + id + "/consent",
            "{\"emailConsent\":true,\"reason\":\"Customer asked by phone, ticket 4711\"}",
            ADMIN);
    assertThat(admin.status()).as("%s", admin.body()).isEqualTo(200);
    assertThat(admin.json()).containsEntry("outcome", "applied");
    Map<String, Object> after = consent(id);
    assertThat(after)
        .containsEntry("email", true)
        .containsEntry("source", "admin")
        .doesNotContainKey("suppressed");
    assertThat(history(after).get(0))
        .containsEntry("source", "admin")
        .containsEntry("applied", true)
        .hasEntrySatisfying(
            "note", n -> assertThat((String) n).contains("ticket 4711").contains("lifted"));
    List<AuditEntry> audited =
        tx.executeRead(
            s -> {
              try {
                return audit.about(
                    s.getConnection(),
                    AuditLog.CUSTOMER,
                    audit.customerSubject(id),
                    AuditLog.RESUBSCRIBE);
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(audited)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.actor()).isEqualTo("test-admin");
              assertThat(a.detail()).contains("applied").contains("ticket 4711");
            });
  }

  @Test
  void anAdminTopicWithdrawalLeavesTheRestOfTheMail() {
    String id = subscribed("topic-" + run);
    Reply r =
        api.post(
            "/api/customers/" + id + "/consent",
            "{\"emailConsent\":false,\"topic\":\"offers\",\"reason\":\"asked to stop offers\"}",
            ADMIN);
    assertThat(r.json()).containsEntry("outcome", "applied");
    Map<String, Object> after = consent(id);
    assertThat(after).containsEntry("email", true).containsEntry("topicsLeft", List.of("offers"));
    Reply badTopic =
        api.post(
            "/api/customers/" + id + "/consent",
            "{\"emailConsent\":false,\"topic\":\"Offers!\",\"reason\":\"x\"}",
            ADMIN);
    assertProblem(badTopic, 422);
  }

  @Test
  void anUnknownCustomerIs404() {
    assertProblem(
        api.post(
            "/api/customers/nobody-" + run + "/consent",
            "{\"emailConsent\":true,\"reason\":\"x\"}",
            ADMIN),
        404);
  }
}
