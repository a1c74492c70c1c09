package io.affinity.service.api.customers;

import static io.affinity.service.api.TestApi.ADMIN;
import static io.affinity.service.api.TestApi.INGEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.tracking.TokenSigner;
import io.affinity.campaigns.tracking.TrackingToken;
import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.ConsentSource;
import io.affinity.core.consent.ConsentStatement;
import io.affinity.core.testing.TestSql;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/customers/{id}/export} after {@code DELETE /api/customers/{id}}: the export still
 * answers, with what is kept pseudonymously (consent statements, events, campaigns received and
 * their outcomes, the suppression), and its text holds none of the person's personal fields.
 */
@MicronautTest(transactional = false)
@Property(name = "micronaut.http.client.follow-redirects", value = "false")
class ErasedCustomerExportTest extends ApiTestBase {
  private static final String NAME = "Zephyrine Quillfeather";
  private static final String ADDRESS = "42 Bramblewick Terrace";
  private static final String POSTCODE = "ZQ9 9QZ";
  private static final String PET = "an axolotl called Mossbottom";
  private static final String SOURCE = "tablet kiosk at the Harrowgate fair";
  private static final String REASON = "Rang the shop about Mossbottom, ticket QF-4711";
  private static final String IP = "198.51.100.77";
  private static final String BROWSER = "QuillBrowser/7.3 (Plan 9; erasure)";

  @Inject TestSql sql;
  @Inject TransactionOperations<Connection> tx;
  @Inject ConsentLedger ledger;
  @Inject TokenSigner signer;

  @Test
  @SuppressWarnings("unchecked")
  void anErasedCustomersExportHoldsWhatIsKeptAndNoPersonalField() {
    String id = "gone-" + run;
    String email = "Zephyrine.Q." + run + "@quillmail.example";
    String product = "gone-p1-" + run;
    Reply put =
        api.put(
            "/api/customers/" + id,
            api.toJson(
                Map.of(
                    "email", email,
                    "name", NAME,
                    "address", ADDRESS,
                    "postcode", POSTCODE,
                    "attributes", Map.of("pet", PET),
                    "emailConsent", true,
                    "consentSource", SOURCE)),
            INGEST);
    assertThat(put.status()).as("%s", put.body()).isEqualTo(200);
    Reply events =
        api.post(
            "/api/events",
            "[{\"eventId\":\""
                + run
                + "-1\",\"type\":\"purchase\",\"customerId\":\""
                + id
                + "\",\"productId\":\""
                + product
                + "\",\"orderId\":\"o-"
                + run
                + "\",\"quantity\":1,\"unitPrice\":12.5,\"time\":\"2024-05-01T10:00:00Z\"}]",
            INGEST);
    assertThat(events.json()).containsEntry("stored", 1);
    long internal = sql.count("SELECT id FROM customers WHERE external_id = ?", id);
    // A one-click unsubscribe made in a browser, then an admin re-subscribes with a reason.
    ledger.record(
        List.of(
            ConsentStatement.email(
                    internal, false, System.currentTimeMillis(), ConsentSource.ONE_CLICK, "t-1")
                .byPerson(IP, BROWSER)));
    Reply admin =
        api.post(
            "/api/customers/" + id + "/consent",
            api.toJson(Map.of("emailConsent", true, "reason", REASON)),
            ADMIN);
    assertThat(admin.status()).as("%s", admin.body()).isEqualTo(200);
    long now = System.currentTimeMillis();
    long campaign =
        insert(
            "INSERT INTO campaigns (name, kind, status, control_percent, assignment_seed,"
                + " attribution_days, started_at, created_at, updated_at)"
                + " VALUES (?, 'email', 'finished', 0, 1, 7, ?, 0, 0)",
            "kept " + run,
            now);
    long recipient =
        insert(
            "INSERT INTO campaign_recipients (campaign_id, customer_id, arm, state, sent_at, error)"
                + " VALUES (?, ?, 'A', 'sent', ?, ?)",
            campaign,
            internal,
            now - 3_600_000,
            "250 accepted for <" + email + ">");
    HttpResponse<?> click =
        hit(
            "/t/c/"
                + signer.sign(
                    new TrackingToken(
                        TrackingToken.Purpose.CLICK, campaign, recipient, product, "rec1")));
    assertThat(click.code()).isEqualTo(302);
    String ipHash =
        (String)
            sql.rows("SELECT ip_hash FROM tracking_events WHERE recipient_id = ?", recipient)
                .get(0)
                .get("ip_hash");
    assertThat(ipHash).isNotBlank();
    List<String> personal =
        List.of(
            email,
            "Zephyrine",
            "Quillfeather",
            ADDRESS,
            POSTCODE,
            "Mossbottom",
            SOURCE,
            "QF-4711",
            IP,
            "QuillBrowser",
            ipHash);
    assertThat(api.toJson(api.get("/api/customers/" + id + "/export", ADMIN).json()))
        .as("the export before the erasure shows each personal field")
        .contains(personal);

    assertThat(api.send(HttpRequest.DELETE("/api/customers/" + id), ADMIN).status()).isEqualTo(204);
    Reply reply = api.get("/api/customers/" + id + "/export", ADMIN);

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    String text = api.toJson(reply.json());
    for (String field : personal) {
      assertThat(text).doesNotContainIgnoringCase(field);
    }
    Map<String, Object> export = reply.json();
    assertThat(export).containsEntry("customerId", id);
    assertThat((Map<String, Object>) export.get("erasure"))
        .containsEntry("addressSuppressed", true)
        .containsKey("erasedAt");
    Map<String, Object> profile = (Map<String, Object>) export.get("profile");
    assertThat((String) profile.get("id")).startsWith("erased-");
    assertThat(profile).containsEntry("email", null).containsEntry("name", null);
    Map<String, Object> consent = (Map<String, Object>) export.get("consent");
    assertThat(consent).containsEntry("state", "withdrawn").containsEntry("email", false);
    assertThat((List<Map<String, Object>>) consent.get("ledger"))
        .extracting(e -> e.get("source") + " " + e.get("granted") + " " + e.get("applied"))
        .contains("api true true", "one-click false true", "admin true true", "admin false true");
    assertThat((List<Map<String, Object>>) export.get("events"))
        .extracting(e -> e.get("type") + " " + e.get("productId"))
        .containsExactly("purchase " + product, "click " + product);
    Map<String, Object> campaigns = (Map<String, Object>) export.get("campaigns");
    assertThat((List<Map<String, Object>>) campaigns.get("received"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r)
                    .containsEntry("arm", "A")
                    .containsEntry("state", "sent")
                    .containsEntry("clicks", 1)
                    .containsEntry("error", "250 accepted for <[erased address]>"));
    assertThat((List<Map<String, Object>>) campaigns.get("tracking"))
        .singleElement()
        .satisfies(
            t ->
                assertThat(t)
                    .containsEntry("kind", "click")
                    .containsEntry("itemId", product)
                    .containsEntry("userAgent", null)
                    .containsEntry("ipHash", null));
    assertThat((List<Object>) export.get("offersShown")).isEmpty();
  }

  @Test
  void anErasedCustomerWithoutAnAddressSaysNothingWasSuppressed() {
    String id = "noaddress-" + run;
    assertThat(api.put("/api/customers/" + id, "{\"name\":\"" + NAME + "\"}", INGEST).status())
        .isEqualTo(200);
    assertThat(api.send(HttpRequest.DELETE("/api/customers/" + id), ADMIN).status()).isEqualTo(204);
    assertThat(api.send(HttpRequest.DELETE("/api/customers/" + id), ADMIN).status()).isEqualTo(204);

    Reply reply = api.get("/api/customers/" + id + "/export", ADMIN);

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    assertThat(reply.json().get("erasure").toString()).contains("addressSuppressed=false");
    assertThat(api.toJson(reply.json())).doesNotContain("Quillfeather");
    assertProblem(api.get("/api/customers/never-" + run + "/export", ADMIN), 404);
  }

  private HttpResponse<?> hit(String path) {
    try {
      return client
          .toBlocking()
          .exchange(HttpRequest.GET(path).header("User-Agent", BROWSER), Argument.STRING);
    } catch (HttpClientResponseException e) {
      return e.getResponse();
    }
  }

  private long insert(String statement, Object... params) {
    return tx.executeWrite(
        status -> {
          try (PreparedStatement ps =
              status.getConnection().prepareStatement(statement, Statement.RETURN_GENERATED_KEYS)) {
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
