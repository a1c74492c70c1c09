package io.affinity.campaigns.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.CampaignView;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.core.consent.SuppressionList;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rows of the legacy {@code email_suppressions} table, there before this application context
 * started, are moved into the hashed list at its startup and still keep their addresses from being
 * mailed; a second move finds nothing.
 */
@MicronautTest(transactional = false)
class LegacySuppressionsTest extends GreenMailTestBase {
  private static final String LEGACY = "l" + UUID.randomUUID().toString().substring(0, 8);
  private static final long AT = 1_600_000_000_000L;

  @Inject SuppressionList suppressions;
  @Inject LegacySuppressions legacy;

  /**
   * The database this context opens, with legacy rows written into it by an application context
   * started (and closed) before this one: on H2 an in-memory database of a fixed name outliving its
   * first context, on MariaDB the shared test database.
   */
  @Override
  protected Map<String, String> moreProperties() {
    Map<String, String> db = new HashMap<>();
    if (!String.valueOf(System.getProperty("micronaut.environments")).contains("mariadb")) {
      db.put(
          "datasources.default.url",
          "jdbc:h2:mem:legacy-"
              + LEGACY
              + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    }
    Map<String, Object> before = new HashMap<>(db);
    before.put("affinity.mail.host", "");
    try (ApplicationContext earlier = ApplicationContext.run(before)) {
      Transactions tx = earlier.getBean(Transactions.class);
      new Audience(tx)
          .update(
              "INSERT INTO email_suppressions (email, reason, detail, campaign_id, created_at)"
                  + " VALUES (?, 'bounced', '550 no such user', 7, ?), (?, 'complained', NULL,"
                  + " NULL, ?)",
              LEGACY + "-0@test.example",
              AT,
              LEGACY + "-1@test.example",
              AT + 1);
    }
    return db;
  }

  @Test
  void legacyRowsAreMovedAtStartupAndStillSuppress() throws Exception {
    assertThat(rows("SELECT * FROM email_suppressions WHERE email LIKE ?", LEGACY + "%")).isEmpty();
    assertThat(
            rows(
                "SELECT reason, detail, campaign_id, created_at FROM address_suppressions"
                    + " WHERE address_hash = ?",
                suppressions.hash(LEGACY + "-0@test.example")))
        .extracting(
            r ->
                r.get("reason")
                    + " "
                    + r.get("detail")
                    + " "
                    + r.get("campaign_id")
                    + " "
                    + r.get("created_at"))
        .containsExactly("bounced 550 no such user 7 " + AT);

    List<Audience.Person> people =
        List.of(
            new Audience.Person(LEGACY + "-0", LEGACY + "-0@Test.Example", "Zero", true),
            new Audience.Person(LEGACY + "-1", LEGACY + "-1@test.example", "One", true),
            new Audience.Person(LEGACY + "-2", LEGACY + "-2@test.example", "Two", true));
    long snapshot = audience.snapshot(audience.customers(people, 1, run));
    CampaignView created = campaigns.create(input(snapshot, 0, null));
    campaigns.launch(created.id());
    awaitStatus(created.id(), "finished", 30);

    Map<String, Integer> received = smtp.countsByRecipient();
    assertThat(received)
        .doesNotContainKey(LEGACY + "-0@test.example")
        .doesNotContainKey(LEGACY + "-1@test.example")
        .containsEntry(LEGACY + "-2@test.example", 1);
    Map<String, Map<String, Object>> rows = recipients(created.id());
    assertThat(rows.get(LEGACY + "-0").get("error")).isEqualTo("address suppressed: bounced");
    assertThat(rows.get(LEGACY + "-1").get("error")).isEqualTo("address suppressed: complained");
  }

  @Test
  void movingAgainIsHarmlessAndKeepsTheFirstEntry() {
    assertThat(legacy.moveAll()).isZero();
    audience.update(
        "INSERT INTO email_suppressions (email, reason, created_at) VALUES (?, 'complained', 1)",
        LEGACY + "-0@test.example");
    assertThat(legacy.moveAll()).isEqualTo(1);
    assertThat(rows("SELECT * FROM email_suppressions WHERE email LIKE ?", LEGACY + "%")).isEmpty();
    assertThat(
            tx.read(c -> suppressions.reasons(c, List.of(LEGACY + "-0@test.example")))
                .get(LEGACY + "-0@test.example"))
        .isEqualTo("bounced");
  }
}
