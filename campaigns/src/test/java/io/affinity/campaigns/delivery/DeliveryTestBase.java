package io.affinity.campaigns.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.CampaignInput;
import io.affinity.campaigns.campaign.CampaignService;
import io.affinity.campaigns.campaign.CampaignView;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.templates.TemplateService;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Shared set-up of delivery tests: an SMTP server on a free port (given by the subclass), the
 * engine started against it with short intervals, a greeting template, and helpers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DeliveryTestBase implements TestPropertyProvider {
  @Inject protected CampaignService campaigns;
  @Inject protected DeliveryEngine engine;
  @Inject protected Transactions tx;
  @Inject protected TemplateService templates;
  protected Audience audience;

  /** A template greeting each recipient by name and id, stored at the start of the class. */
  protected long template;

  protected String run;

  /** The port of the SMTP server this test class sends to. */
  protected abstract int smtpPort();

  /** Extra configuration of the subclass. */
  protected Map<String, String> moreProperties() {
    return Map.of();
  }

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new HashMap<>();
    p.put("affinity.mail.host", "127.0.0.1");
    p.put("affinity.mail.port", String.valueOf(smtpPort()));
    p.put("affinity.mail.poll-interval", "100ms");
    p.put("affinity.mail.worker-lease", "3s");
    p.put("affinity.mail.retry-backoff", "300ms");
    p.put("affinity.mail.batch-size", "10");
    p.put("affinity.mail.pool-size", "2");
    p.put("affinity.mail.rate-per-second", "2000");
    p.put("affinity.mail.timeout", "5s");
    p.putAll(moreProperties());
    return p;
  }

  @BeforeAll
  void startEngine() {
    template =
        TestTemplates.greeting(
            templates, "delivery-" + UUID.randomUUID().toString().substring(0, 8), 1);
    assertThat(engine.start()).isTrue();
  }

  @BeforeEach
  void newRun() {
    audience = new Audience(tx);
    run = "t" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A campaign input sending the greeting template to {@code snapshot}. */
  protected CampaignInput input(long snapshot, int controlPercent, BigDecimal rate) {
    return new CampaignInput(
        "campaign " + run,
        snapshot,
        null,
        "shop@shop.example",
        "The Shop",
        List.of(new CampaignInput.VariantInput("A", template, 1)),
        BigDecimal.valueOf(controlPercent),
        false,
        7,
        rate,
        null,
        42L);
  }

  /** Waits until campaign {@code id} has {@code status}; fails after {@code seconds}. */
  protected CampaignView awaitStatus(long id, String status, int seconds)
      throws InterruptedException {
    long until = System.currentTimeMillis() + seconds * 1000L;
    CampaignView v = campaigns.find(id);
    while (!v.status().equals(status) && System.currentTimeMillis() < until) {
      Thread.sleep(50);
      v = campaigns.find(id);
    }
    assertThat(v.status()).as("status of campaign %s: %s", id, v.progress()).isEqualTo(status);
    return v;
  }

  /** The recipient rows of campaign {@code id} with the customer's email, by email. */
  protected Map<String, Map<String, Object>> recipients(long id) {
    Map<String, Map<String, Object>> byEmail = new LinkedHashMap<>();
    for (Map<String, Object> row :
        rows(
            "SELECT c.external_id, c.email, r.* FROM campaign_recipients r"
                + " JOIN customers c ON c.id = r.customer_id WHERE r.campaign_id = ?",
            id)) {
      byEmail.put((String) row.get("external_id"), row);
    }
    return byEmail;
  }

  /** The rows {@code sql} selects, columns by lower-case label. */
  protected List<Map<String, Object>> rows(String sql, Object... params) {
    return tx.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
              ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              ResultSetMetaData m = rs.getMetaData();
              while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= m.getColumnCount(); i++) {
                  row.put(m.getColumnLabel(i).toLowerCase(), rs.getObject(i));
                }
                out.add(row);
              }
            }
            return out;
          }
        });
  }

  /** {@code n} consenting customers {@code <run>-<i>} with addresses at test.example. */
  protected List<Audience.Person> people(String tag, int n, boolean consent) {
    List<Audience.Person> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = run + "-" + tag + i;
      out.add(new Audience.Person(id, id + "@test.example", "Name " + tag + i, consent));
    }
    return out;
  }
}
