package io.affinity.service.api.customers;

import static io.affinity.service.api.TestApi.ADMIN;
import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.tracking.TokenSigner;
import io.affinity.campaigns.tracking.TrackingToken;
import io.affinity.core.audit.AuditLog;
import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.ConsentSource;
import io.affinity.core.consent.ConsentStatement;
import io.affinity.core.consent.SuppressionList;
import io.affinity.core.testing.TestSql;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
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
 * {@code DELETE /api/customers/{id}} and {@code GET /api/customers/{id}/export}: a customer with a
 * profile, a household, purchases, consent statements made in a browser, a campaign received with a
 * tracked click, an offer shown and a segment membership is exported, erased, and checked in the
 * database field by field.
 */
@MicronautTest(transactional = false)
class CustomerErasureApiTest extends ApiTestBase {
  private static final String USER_AGENT = "Mozilla/5.0 (erasure test)";
  private static final String IP = "203.0.113.7";

  @Inject TestSql sql;
  @Inject TransactionOperations<Connection> tx;
  @Inject ConsentLedger ledger;
  @Inject SuppressionList suppressions;
  @Inject AuditLog audit;
  @Inject TokenSigner signer;

  private String id;
  private String email;
  private long internal;
  private long campaign;
  private long recipient;

  @BeforeEach
  void customerWithEverything() {
    id = "erase-" + run;
    email = "Erin." + run + "@Example.com";
    String household = "hh-" + run;
    assertThat(
            api.put(
                    "/api/households/" + household,
                    "{\"name\":\"The Erasmus family\",\"address\":\"1 Quiet Lane\","
                        + "\"postcode\":\"AB1 2CD\",\"country\":\"GB\"}",
                    INGEST)
                .status())
        .isEqualTo(200);
    Reply put =
        api.put(
            "/api/customers/" + id,
            "{\"email\":\""
                + email
                + "\",\"name\":\"Erin Erasmus\",\"householdId\":\""
                + household
                + "\",\"emailConsent\":true,\"preferredChannel\":\"email\","
                + "\"address\":\"1 Quiet Lane\",\"postcode\":\"AB1 2CD\",\"country\":\"GB\","
                + "\"attributes\":{\"note\":\"prefers calls after 6pm\"}}",
            INGEST);
    assertThat(put.status()).as("%s", put.body()).isEqualTo(200);
    Reply events =
        api.post(
            "/api/events",
            "["
                + purchase(1, "p1-" + run, "2024-05-01T10:00:00Z")
                + ","
                + purchase(2, "p2-" + run, "2024-06-01T10:00:00Z")
                + "]",
            INGEST);
    assertThat(events.json()).containsEntry("stored", 2);
    internal = sql.count("SELECT id FROM customers WHERE external_id = ?", id);
    long now = System.currentTimeMillis();
    // Subscribed by the shop (above); a one-click unsubscribe, a double opt-in back and a second
    // one-click unsubscribe, all made by the person in a browser.
    ledger.record(
        List.of(
            ConsentStatement.email(internal, false, now - 2000, ConsentSource.ONE_CLICK, "t0")
                .byPerson(IP, USER_AGENT),
            ConsentStatement.email(internal, true, now - 1000, ConsentSource.DOUBLE_OPT_IN, "t1")
                .byPerson(IP, USER_AGENT),
            ConsentStatement.email(internal, false, now, ConsentSource.ONE_CLICK, "t2")
                .byPerson(IP, USER_AGENT)));
    campaign =
        insert(
            "INSERT INTO campaigns (name, kind, status, control_percent, assignment_seed,"
                + " attribution_days, started_at, created_at, updated_at)"
                + " VALUES (?, 'email', 'finished', 0, 1, 7, ?, 0, 0)",
            "privacy " + run,
            now);
    recipient =
        insert(
            "INSERT INTO campaign_recipients (campaign_id, customer_id, arm, state, sent_at, error)"
                + " VALUES (?, ?, 'A', 'sent', ?, ?)",
            campaign,
            internal,
            now,
            "250 accepted for <" + email.toLowerCase() + ">");
    insert(
        "INSERT INTO tracking_events (campaign_id, recipient_id, customer_id, kind, item_id, slot,"
            + " user_agent, ip_hash, probable_bot, occurred_at)"
            + " VALUES (?, ?, ?, 'click', ?, 'rec1', ?, 'abc123hash', FALSE, ?)",
        campaign,
        recipient,
        internal,
        "p1-" + run,
        USER_AGENT,
        now);
    insert(
        "INSERT INTO offer_exposures (customer_id, item_id, shown_at) VALUES (?, ?, ?)",
        id,
        "p2-" + run,
        now);
    long snapshot =
        insert(
            "INSERT INTO segment_snapshots (segment_id, segment_version, size, created_at)"
                + " VALUES (999999, 1, 1, ?)",
            now);
    insert(
        "INSERT INTO segment_snapshot_members (snapshot_id, customer_id) VALUES (?, ?)",
        snapshot,
        internal);
  }

  private String purchase(int n, String product, String time) {
    return "{\"eventId\":\""
        + run
        + "-"
        + n
        + "\",\"type\":\"purchase\",\"customerId\":\""
        + id
        + "\",\"productId\":\""
        + product
        + "\",\"orderId\":\"o"
        + n
        + "\",\"quantity\":1,\"unitPrice\":12.5,\"time\":\""
        + time
        + "\"}";
  }

  @Test
  @SuppressWarnings("unchecked")
  void theExportHoldsEverythingAndIsAnAttachment() {
    HttpResponse<String> response =
        client
            .toBlocking()
            .exchange(
                HttpRequest.GET("/api/customers/" + id + "/export").header("X-API-Key", ADMIN),
                Argument.STRING);

    assertThat(response.code()).isEqualTo(200);
    assertThat(response.getContentType().orElseThrow().toString()).startsWith("application/json");
    assertThat(response.header(HttpHeaders.CONTENT_DISPOSITION))
        .isEqualTo("attachment; filename=\"customer-" + id + "-export.json\"");
    Reply reply = api.get("/api/customers/" + id + "/export", ADMIN);
    Map<String, Object> export = reply.json();
    assertThat(export)
        .containsEntry("customerId", id)
        .containsKeys(
            "exportedAt",
            "profile",
            "consent",
            "events",
            "value",
            "offersShown",
            "campaigns",
            "segments",
            "triggerFirings");
    Map<String, Object> profile = (Map<String, Object>) export.get("profile");
    assertThat(profile)
        .containsEntry("email", email)
        .containsEntry("name", "Erin Erasmus")
        .containsEntry("address", "1 Quiet Lane")
        .containsEntry("postcode", "AB1 2CD");
    assertThat((Map<String, Object>) profile.get("attributes"))
        .containsEntry("note", "prefers calls after 6pm");
    assertThat((Map<String, Object>) profile.get("household"))
        .containsEntry("id", "hh-" + run)
        .containsEntry("address", "1 Quiet Lane");
    Map<String, Object> consent = (Map<String, Object>) export.get("consent");
    assertThat(consent)
        .containsEntry("state", "withdrawn")
        .containsEntry("addressSuppressed", "unsubscribed");
    assertThat((List<Map<String, Object>>) consent.get("ledger"))
        .extracting(e -> e.get("source"), e -> e.get("userAgent"))
        .contains(
            org.assertj.core.groups.Tuple.tuple("one-click", USER_AGENT),
            org.assertj.core.groups.Tuple.tuple("double-opt-in", USER_AGENT));
    assertThat((List<Map<String, Object>>) export.get("events"))
        .extracting(e -> e.get("productId"))
        .containsExactly("p1-" + run, "p2-" + run);
    Map<String, Object> campaigns = (Map<String, Object>) export.get("campaigns");
    assertThat((List<Map<String, Object>>) campaigns.get("received"))
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("arm", "A").containsEntry("clicks", 1));
    assertThat((List<Map<String, Object>>) campaigns.get("tracking"))
        .singleElement()
        .satisfies(t -> assertThat(t).containsEntry("userAgent", USER_AGENT));
    assertThat((List<Map<String, Object>>) export.get("offersShown"))
        .extracting(o -> o.get("itemId"))
        .containsExactly("p2-" + run);
    assertThat((List<Object>) export.get("segments")).hasSize(1);
    assertThat(exports()).hasSize(2);
    assertThat(exports()).allSatisfy(e -> assertThat(e.actor()).isEqualTo("test-admin"));
  }

  @Test
  void theErasedPersonsOldLinksRecordNothingAboutThemAgain() {
    assertThat(api.send(HttpRequest.DELETE("/api/customers/" + id), ADMIN).status()).isEqualTo(204);
    long tracked =
        sql.count("SELECT COUNT(*) FROM tracking_events WHERE recipient_id = ?", recipient);
    long statements =
        sql.count("SELECT COUNT(*) FROM consent_ledger WHERE customer_id = ?", internal);

    client
        .toBlocking()
        .exchange(
            HttpRequest.GET(
                "/t/o/"
                    + signer.sign(
                        new TrackingToken(
                            TrackingToken.Purpose.OPEN, campaign, recipient, null, null))),
            byte[].class);
    String unsubscribe =
        "/t/u/"
            + signer.sign(
                new TrackingToken(
                    TrackingToken.Purpose.UNSUBSCRIBE, campaign, recipient, null, null));
    try {
      client
          .toBlocking()
          .exchange(
              HttpRequest.POST(unsubscribe, "List-Unsubscribe=One-Click")
                  .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                  .header("User-Agent", USER_AGENT),
              String.class);
    } catch (HttpClientResponseException e) {
      // the link no longer names anyone: any 4xx page is fine, as long as nothing is kept
      assertThat(e.getStatus().getCode()).isBetween(400, 499);
    }

    assertThat(sql.count("SELECT COUNT(*) FROM tracking_events WHERE recipient_id = ?", recipient))
        .isEqualTo(tracked);
    assertThat(sql.count("SELECT COUNT(*) FROM consent_ledger WHERE customer_id = ?", internal))
        .isEqualTo(statements);
  }

  @Test
  void erasureRemovesEveryPersonalFieldAndKeepsThePseudonymousRest() {
    long events = sql.count("SELECT COUNT(*) FROM events WHERE customer_id = ?", internal);
    assertThat(api.get("/api/customers/" + id + "/export", ADMIN).status()).isEqualTo(200);

    Reply erased = api.send(HttpRequest.DELETE("/api/customers/" + id), ADMIN);

    assertThat(erased.status()).as("%s", erased.body()).isEqualTo(204);
    assertProblem(api.get("/api/customers/" + id, MARKETING), 404);
    assertThat(api.send(HttpRequest.DELETE("/api/customers/" + id), ADMIN).status()).isEqualTo(204);
    assertThat(api.get("/api/customers/" + id + "/export", ADMIN).status()).isEqualTo(200);

    Map<String, Object> row =
        sql.rows(
                "SELECT external_id, email, name, address, postcode, country, attributes,"
                    + " preferred_channel, household_id, email_consent, erased_at"
                    + " FROM customers WHERE id = ?",
                internal)
            .get(0);
    assertThat((String) row.get("external_id")).startsWith("erased-").doesNotContain(run);
    assertThat(row)
        .containsEntry("email", null)
        .containsEntry("name", null)
        .containsEntry("address", null)
        .containsEntry("postcode", null)
        .containsEntry("country", null)
        .containsEntry("attributes", null)
        .containsEntry("preferred_channel", null)
        .containsEntry("household_id", null)
        .containsEntry("email_consent", false);
    assertThat(row.get("erased_at")).isNotNull();
    assertThat(
            sql.rows(
                    "SELECT name, address, postcode FROM households WHERE external_id = ?",
                    "hh-" + run)
                .get(0))
        .containsEntry("name", null)
        .containsEntry("address", null);
    assertThat(
            sql.count(
                "SELECT COUNT(*) FROM tracking_events WHERE customer_id = ?"
                    + " AND (user_agent IS NOT NULL OR ip_hash IS NOT NULL)",
                internal))
        .isZero();
    assertThat(sql.count("SELECT COUNT(*) FROM tracking_events WHERE customer_id = ?", internal))
        .isEqualTo(1);
    assertThat(
            sql.count(
                "SELECT COUNT(*) FROM consent_ledger WHERE customer_id = ?"
                    + " AND (ip IS NOT NULL OR user_agent IS NOT NULL)",
                internal))
        .isZero();
    assertThat(sql.count("SELECT COUNT(*) FROM consent_ledger WHERE customer_id = ?", internal))
        .isGreaterThanOrEqualTo(2);
    assertThat(
            sql.rows("SELECT error FROM campaign_recipients WHERE customer_id = ?", internal)
                .get(0)
                .get("error")
                .toString())
        .doesNotContainIgnoringCase(email)
        .contains("[erased address]");
    assertThat(sql.count("SELECT COUNT(*) FROM offer_exposures WHERE customer_id = ?", id))
        .isZero();
    assertThat(sql.count("SELECT COUNT(*) FROM events WHERE customer_id = ?", internal))
        .isEqualTo(events)
        .isEqualTo(2);
    assertThat(
            sql.count(
                "SELECT COUNT(*) FROM segment_snapshot_members WHERE customer_id = ?", internal))
        .isEqualTo(1);
    assertThat(suppressed(email)).isEqualTo("unsubscribed");

    List<String> actions =
        inTx(
            c ->
                audit.about(c, AuditLog.CUSTOMER, audit.customerSubject(id), null).stream()
                    .map(e -> e.action() + " by " + e.actor())
                    .toList());
    assertThat(actions)
        .containsExactly("export by test-admin", "erase by test-admin", "export by test-admin");
    assertThat(
            sql.count(
                "SELECT COUNT(*) FROM audit_log WHERE subject = ? OR detail LIKE ?",
                id,
                "%" + run + "%"))
        .as("the audit log never names the shop's id in clear")
        .isZero();
  }

  @Test
  void erasureTakesTheFreeTextOutOfTheLedgerAndTheAuditLogButKeepsWhoErasedWhom() {
    String other = "free-" + run;
    String source = "signup form of Fenna Freetext " + run;
    String reason = "ticket 4711: Fenna rang from 0161 496 0000 " + run;
    Reply put =
        api.put(
            "/api/customers/" + other,
            "{\"email\":\"fenna."
                + run
                + "@example.com\",\"emailConsent\":true,\"consentSource\":\""
                + source
                + "\"}",
            INGEST);
    assertThat(put.status()).as("%s", put.body()).isEqualTo(200);
    Reply withdrawn =
        api.post(
            "/api/customers/" + other + "/consent",
            "{\"emailConsent\":false,\"reason\":\"" + reason + "\"}",
            ADMIN);
    assertThat(withdrawn.json()).containsEntry("outcome", "applied");
    long otherId = sql.count("SELECT id FROM customers WHERE external_id = ?", other);
    String subject = audit.customerSubject(other);
    assertThat(String.join("\n", freeText(otherId, subject))).contains(source, reason);
    assertThat(api.get("/api/customers/" + other + "/export", ADMIN).status()).isEqualTo(200);

    assertThat(api.send(HttpRequest.DELETE("/api/customers/" + other), ADMIN).status())
        .isEqualTo(204);

    assertThat(freeText(otherId, subject)).noneMatch(t -> t.contains(run));
    List<Map<String, Object>> statements =
        sql.rows(
            "SELECT granted, source, applied, evidence, note FROM consent_ledger"
                + " WHERE customer_id = ? ORDER BY id",
            otherId);
    assertThat(statements)
        .extracting(r -> r.get("granted") + " " + r.get("source") + " " + r.get("applied"))
        .containsExactly("true api true", "false admin true");
    assertThat(statements)
        .flatExtracting(r -> r.get("evidence"), r -> r.get("note"))
        .containsOnly("erased", null)
        .contains("erased");
    List<io.affinity.core.audit.AuditEntry> lines =
        inTx(c -> audit.about(c, AuditLog.CUSTOMER, subject, null));
    assertThat(lines)
        .extracting(e -> e.action() + " by " + e.actor())
        .containsExactly("withdraw by test-admin", "export by test-admin", "erase by test-admin");
    assertThat(lines.get(0).detail()).isEqualTo("erased");
    assertThat(lines.get(1).detail()).startsWith("internal id " + otherId + "; sections: ");
    assertThat(lines.get(2).detail()).startsWith("internal id " + otherId + "; parts: ");
  }

  /** The ledger's evidence and notes about customer {@code customerId} and its audit details. */
  private List<String> freeText(long customerId, String auditSubject) {
    List<String> texts = new java.util.ArrayList<>();
    for (Map<String, Object> r :
        sql.rows("SELECT evidence, note FROM consent_ledger WHERE customer_id = ?", customerId)) {
      texts.add(String.valueOf(r.get("evidence")));
      texts.add(String.valueOf(r.get("note")));
    }
    for (Map<String, Object> r :
        sql.rows("SELECT detail FROM audit_log WHERE subject = ?", auditSubject)) {
      texts.add(String.valueOf(r.get("detail")));
    }
    return texts;
  }

  @Test
  void anEventWithTheOldIdAfterErasureMakesANewCustomer() {
    assertThat(api.send(HttpRequest.DELETE("/api/customers/" + id), ADMIN).status()).isEqualTo(204);

    Reply again =
        api.post(
            "/api/events", "[" + purchase(3, "p3-" + run, "2024-07-01T10:00:00Z") + "]", INGEST);

    assertThat(again.json()).containsEntry("customersCreated", 1);
    assertThat(sql.count("SELECT COUNT(*) FROM events WHERE customer_id = ?", internal))
        .isEqualTo(2);
  }

  @Test
  void aBouncedAddressStaysSuppressedButLosesTheReplyThatQuotedIt() {
    String other = "bounced-" + run;
    String address = "Bo." + run + "@Example.com";
    assertThat(
            api.put("/api/customers/" + other, "{\"email\":\"" + address + "\"}", INGEST).status())
        .isEqualTo(200);
    long bouncedAt = 1_700_000_000_000L;
    // As a hard bounce at send time wrote it before its reply was redacted on the way in.
    inTx(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO address_suppressions (address_hash, reason, detail, campaign_id,"
                      + " created_at) VALUES (?, 'bounced', ?, ?, ?)")) {
            ps.setString(1, suppressions.hash(address));
            ps.setString(
                2, "550 5.1.1 <" + address.toUpperCase() + ">: Recipient address rejected");
            ps.setLong(3, campaign);
            ps.setLong(4, bouncedAt);
            return ps.executeUpdate();
          }
        });

    assertThat(api.send(HttpRequest.DELETE("/api/customers/" + other), ADMIN).status())
        .isEqualTo(204);

    assertThat(
            sql.rows(
                "SELECT reason, detail, campaign_id, created_at FROM address_suppressions"
                    + " WHERE address_hash = ?",
                suppressions.hash(address)))
        .extracting(
            r ->
                r.get("reason")
                    + " "
                    + r.get("detail")
                    + " "
                    + r.get("campaign_id")
                    + " "
                    + r.get("created_at"))
        .containsExactly("bounced null " + campaign + " " + bouncedAt);
    assertThat(suppressed(address)).isEqualTo("bounced");
  }

  @Test
  void anAddressNeverSuppressedBeforeIsSuppressedAsErased() {
    String other = "plain-" + run;
    String address = "plain." + run + "@example.com";
    api.put("/api/customers/" + other, "{\"email\":\"" + address + "\"}", INGEST);

    assertThat(api.send(HttpRequest.DELETE("/api/customers/" + other), ADMIN).status())
        .isEqualTo(204);

    assertThat(suppressed(address)).isEqualTo("erased");
    // The shop re-creates the person from an old copy, consent and all: still not mailable.
    api.put(
        "/api/customers/" + other, "{\"email\":\"" + address + "\",\"emailConsent\":true}", INGEST);
    assertThat(suppressed(address)).isEqualTo("erased");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aHouseholdOthersStillLiveInKeepsItsAddress() {
    String other = "mate-" + run;
    api.put(
        "/api/customers/" + other,
        "{\"name\":\"Max Erasmus\",\"householdId\":\"hh-" + run + "\"}",
        INGEST);

    assertThat(api.send(HttpRequest.DELETE("/api/customers/" + id), ADMIN).status()).isEqualTo(204);

    Map<String, Object> household =
        (Map<String, Object>) api.get("/api/customers/" + other, MARKETING).json().get("household");
    assertThat(household).containsEntry("address", "1 Quiet Lane");
    assertThat((List<Map<String, Object>>) household.get("members"))
        .extracting(m -> m.get("id"))
        .containsExactly(other);
  }

  @Test
  void unknownIdsAndOtherScopesAreRefused() {
    assertProblem(api.send(HttpRequest.DELETE("/api/customers/never-" + run), ADMIN), 404);
    assertProblem(api.get("/api/customers/never-" + run + "/export", ADMIN), 404);
    for (String key : List.of(MARKETING, INGEST)) {
      assertProblem(api.send(HttpRequest.DELETE("/api/customers/" + id), key), 403);
      assertProblem(api.get("/api/customers/" + id + "/export", key), 403);
    }
    assertProblem(api.send(HttpRequest.DELETE("/api/customers/" + id), null), 401);
    assertThat(api.get("/api/customers/" + id, MARKETING).status()).isEqualTo(200);
  }

  private List<io.affinity.core.audit.AuditEntry> exports() {
    return inTx(c -> audit.about(c, AuditLog.CUSTOMER, audit.customerSubject(id), "export"));
  }

  private String suppressed(String address) {
    return inTx(c -> suppressions.reason(c, address));
  }

  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTx(SqlWork<T> work) {
    return tx.executeWrite(
        status -> {
          try {
            return work.run(status.getConnection());
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private long insert(String statement, Object... params) {
    return inTx(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(statement, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < params.length; i++) {
              ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              return keys.next() ? keys.getLong(1) : 0L;
            }
          }
        });
  }
}
