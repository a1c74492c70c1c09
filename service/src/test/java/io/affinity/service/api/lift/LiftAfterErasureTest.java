package io.affinity.service.api.lift;

import static io.affinity.service.api.TestApi.ADMIN;
import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.lift.KeptPurchases;
import io.affinity.campaigns.lift.RecipientCache;
import io.affinity.campaigns.lift.SnapshotStore;
import io.affinity.core.testing.TestSql;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Erasing a recipient who converted leaves every lift report of the campaign as it was: the
 * recipient row and the purchases stay, keyed by our internal id. The reports are read again with
 * every cache and saved snapshot dropped, so that equal figures cannot come from a cache.
 */
@MicronautTest(transactional = false)
class LiftAfterErasureTest extends ApiTestBase {
  private static final long DAY = 86_400_000L;
  private static final List<String> REPORTS =
      List.of("", "?by=variant", "?by=rfm", "?cuped=true&by=rfm");

  @Inject LiftSql sql;
  @Inject TestSql read;
  @Inject RecipientCache recipients;
  @Inject KeptPurchases purchases;
  @Inject SnapshotStore snapshots;

  @Test
  void liftReportsGiveTheSameFiguresAfterAConvertingRecipientIsErased() {
    Instant start = Instant.parse("2024-04-01T08:00:00Z");
    Reply created =
        api.post(
            "/api/campaigns/external",
            "{\"name\":\"Erasure and lift "
                + run
                + "\",\"startedAt\":\""
                + start
                + "\",\"attributionDays\":14,\"variants\":[\"A\"]}",
            MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    long campaign = ((Number) created.json().get("id")).longValue();
    String[] arms = {"A", "A", "A", "control", "control", "control"};
    String[] prices = {"30.00", "10.00", null, "20.00", null, null};
    StringBuilder csv = new StringBuilder("customer_id,arm\n");
    for (int i = 0; i < arms.length; i++) {
      long id = sql.customer(run + "-" + i);
      if (i == 0) {
        sql.segment(id, "champions");
      }
      if (prices[i] != null) {
        sql.purchase(id, prices[i], start.toEpochMilli() + DAY);
      }
      csv.append(run).append('-').append(i).append(',').append(arms[i]).append('\n');
    }
    String erased = run + "-0";
    api.put(
        "/api/customers/" + erased,
        "{\"email\":\"lift." + run + "@example.com\",\"name\":\"Lou Lift\"}",
        INGEST);
    Reply imported =
        api.send(
            HttpRequest.POST("/api/campaigns/" + campaign + "/recipients", csv.toString())
                .contentType("text/csv"),
            MARKETING);
    assertThat(imported.status()).as("%s", imported.body()).isEqualTo(200);
    Map<String, Object> before = reports(campaign);
    assertThat(before.get("")).asString().contains("conversions=2");

    assertThat(api.send(HttpRequest.DELETE("/api/customers/" + erased), ADMIN).status())
        .isEqualTo(204);

    assertThat(reports(campaign)).isEqualTo(before);
    snapshots.clear();
    recipients.clear();
    purchases.clear();
    assertThat(reports(campaign)).isEqualTo(before);
    assertThat(
            read.count("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ?", campaign))
        .isEqualTo(6);
  }

  /** Every report of {@code campaign}, by query, without the time it was generated. */
  private Map<String, Object> reports(long campaign) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String query : REPORTS) {
      Reply reply = api.get("/api/campaigns/" + campaign + "/lift" + query, MARKETING);
      assertThat(reply.status()).as("%s: %s", query, reply.body()).isEqualTo(200);
      Map<String, Object> report = new LinkedHashMap<>(reply.json());
      report.remove("generatedAt"); // the one thing that differs between two readings
      out.put(query, report);
    }
    return out;
  }
}
