package io.affinity.campaigns.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.ConsentSource;
import io.affinity.core.consent.ConsentStatement;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.testing.TestSql;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each rule kind on hand-made customers, metrics and events: the exact customers selected. Every
 * rule is wrapped in a country unique to the run, since tests may share a database.
 */
@MicronautTest(transactional = false)
// the consent ledger's address hash key is generated under the data directory: keep it in target
@Property(name = "affinity.data-dir", value = "target/test-data")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentRulesTest {
  private static final long DAY = 86_400_000L;

  @Inject TestSql sql;
  @Inject TransactionOperations<Connection> tx;
  @Inject SegmentAudience audience;
  @Inject SegmentSnapshots snapshots;
  @Inject SegmentStore store;
  @Inject Segments segments;
  @Inject JsonMapper json;
  @Inject ConsentLedger ledger;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String country = "T" + run;
  private final long now = System.currentTimeMillis();

  @BeforeAll
  void data() {
    // ann: champion, bought Garden/Tools 10 days ago, opened a campaign 3 days ago, consented
    // bob: at risk, bought Garden 200 days ago, clicked 40 days ago, in a household of two
    // cid: no purchases, no metrics, in bob's household
    // dan: bought Kitchen 5 days ago, postcode with a quote in it
    household("h1");
    customer("ann", true, null, "10115");
    customer("bob", false, "h1", "20095");
    customer("cid", true, "h1", "20095");
    customer("dan", false, null, "O'B; DROP TABLE c;--");
    product("rake", "Garden/Tools");
    product("seed", "Garden");
    product("pan", "Kitchen");
    product("glove", "Gardening");
    product("tea", "Pantry");
    metrics("ann", 10, 12, "1200.00", 5, "champions", 0.05);
    metrics("bob", 200, 3, "150.00", 1, "at_risk", 0.7);
    metrics("dan", 5, 1, "40.00", 4, "new_customers", 0.3);
    event("ann", "rake", "purchase", 10);
    event("bob", "seed", "purchase", 200);
    event("dan", "pan", "purchase", 5);
    event("dan", "glove", "purchase", 5);
    event("ann", null, "open", 3);
    event("bob", null, "click", 40);
  }

  private void update(String statement, Object... params) {
    tx.executeWrite(
        status -> {
          try (PreparedStatement ps = status.getConnection().prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
              ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
          }
        });
  }

  private void household(String id) {
    update(
        "INSERT INTO households (external_id, created_at, updated_at) VALUES (?, 0, 0)", id + run);
  }

  private void customer(String id, boolean consent, String household, String postcode) {
    customer(id, consent, household, postcode, country);
  }

  private void customer(
      String id, boolean consent, String household, String postcode, String country) {
    update(
        "INSERT INTO customers (external_id, name, email_consent, household_id, postcode, country,"
            + " created_at, updated_at) VALUES (?, ?, ?, (SELECT id FROM households WHERE"
            + " external_id = ?), ?, ?, 0, ?)",
        id + run,
        id,
        consent,
        household == null ? null : household + run,
        postcode,
        country,
        System.currentTimeMillis());
  }

  private void product(String id, String category) {
    update(
        "INSERT INTO products (external_id, category_path, created_at, updated_at)"
            + " VALUES (?, ?, 0, 0)",
        id + run,
        run + category);
  }

  private void metrics(
      String id, int daysAgo, int orders, String revenue, int r, String rfm, double churn) {
    update(
        "INSERT INTO customer_metrics (customer_id, last_purchase_at, orders, revenue, r_score,"
            + " rfm_segment, churn_probability, computed_at) SELECT id, ?, ?, ?, ?, ?, ?, ?"
            + " FROM customers WHERE external_id = ?",
        now - daysAgo * DAY - DAY / 2,
        orders,
        new java.math.BigDecimal(revenue),
        r,
        rfm,
        churn,
        System.currentTimeMillis(),
        id + run);
  }

  private void event(String customer, String product, String type, int daysAgo) {
    update(
        "INSERT INTO events (client_event_id, customer_id, product_id, type, occurred_at,"
            + " received_at) SELECT ?, c.id, (SELECT id FROM products WHERE external_id = ?), ?,"
            + " ?, 0 FROM customers c WHERE c.external_id = ?",
        UUID.randomUUID().toString(),
        product == null ? null : product + run,
        type,
        now - daysAgo * DAY,
        customer + run);
  }

  /** The customers (short names) that {@code ruleJson}, within this run's country, selects. */
  private Set<String> select(String ruleJson) {
    Rule rule = RuleParser.parse(wrap(ruleJson), "rules");
    SegmentPreview preview = audience.preview(rule);
    // The in-memory preview (count, sample, RFM split) is the compiled SQL's, and so are the
    // counts.
    assertThat(preview).isEqualTo(audience.previewBySql(rule));
    long asOf = System.currentTimeMillis();
    assertThat(audience.count(rule, asOf)).isEqualTo(preview.count());
    assertThat(audience.countBySql(rule, asOf)).isEqualTo(preview.count());
    return preview.sample().stream().map(m -> m.name()).collect(Collectors.toSet());
  }

  private Object wrap(String ruleJson) {
    try {
      String text =
          "{\"all\": [{\"field\": \"country\", \"op\": \"=\", \"value\": \""
              + country
              + "\"}, "
              + ruleJson.replace("@", run)
              + "]}";
      return json.readValue(text, Object.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void metricConditions() {
    assertThat(select("{\"field\": \"recency_days\", \"op\": \"<=\", \"value\": 10}"))
        .containsExactlyInAnyOrder("ann", "dan");
    assertThat(select("{\"field\": \"recency_days\", \"op\": \"=\", \"value\": 10}"))
        .containsExactly("ann");
    assertThat(select("{\"field\": \"recency_days\", \"op\": \"between\", \"value\": [6, 200]}"))
        .containsExactlyInAnyOrder("ann", "bob");
    assertThat(select("{\"field\": \"orders\", \"op\": \"<\", \"value\": 2}"))
        .containsExactlyInAnyOrder("cid", "dan");
    assertThat(select("{\"field\": \"revenue\", \"op\": \">=\", \"value\": 150.0}"))
        .containsExactlyInAnyOrder("ann", "bob");
    assertThat(
            select(
                "{\"field\": \"rfm_segment\", \"op\": \"in\", \"value\": [\"champions\","
                    + " \"at_risk\"]}"))
        .containsExactlyInAnyOrder("ann", "bob");
    assertThat(select("{\"field\": \"churn_probability\", \"op\": \">\", \"value\": 0.5}"))
        .containsExactly("bob");
    assertThat(select("{\"not\": {\"field\": \"r_score\", \"op\": \"=\", \"value\": 5}}"))
        .as("not includes customers without metrics")
        .containsExactlyInAnyOrder("bob", "cid", "dan");
  }

  @Test
  void attributeAndConsentConditions() {
    assertThat(select("{\"field\": \"email_consent\", \"op\": \"=\", \"value\": true}"))
        .containsExactlyInAnyOrder("ann", "cid");
    assertThat(select("{\"field\": \"in_household\", \"op\": \"=\", \"value\": true}"))
        .containsExactlyInAnyOrder("bob", "cid");
    assertThat(select("{\"field\": \"household_size\", \"op\": \">=\", \"value\": 2}"))
        .containsExactlyInAnyOrder("bob", "cid");
    assertThat(select("{\"field\": \"postcode\", \"op\": \"!=\", \"value\": \"20095\"}"))
        .containsExactlyInAnyOrder("ann", "dan");
  }

  @Test
  void topicConsentSelectsTheConsentedWhoDidNotLeaveTheTopic() {
    String offers = "offers-" + run;
    // ann left the topic; cid left it and came back; bob and dan never consented
    leaveOrJoin("ann", offers, false);
    leaveOrJoin("cid", offers, false);
    leaveOrJoin("cid", offers, true);
    assertThat(select("{\"field\": \"topic_consent\", \"op\": \"=\", \"value\": \"offers-@\"}"))
        .containsExactly("cid");
    assertThat(select("{\"field\": \"topic_consent\", \"op\": \"!=\", \"value\": \"offers-@\"}"))
        .containsExactlyInAnyOrder("ann", "bob", "dan");
    assertThat(select("{\"field\": \"topic_consent\", \"op\": \"=\", \"value\": \"news-@\"}"))
        .as("another topic follows plain consent")
        .containsExactlyInAnyOrder("ann", "cid");
    assertThat(select("{\"field\": \"email_consent\", \"op\": \"=\", \"value\": true}"))
        .as("leaving a topic is not leaving e-mail")
        .containsExactlyInAnyOrder("ann", "cid");
    assertThat(
            select(
                "{\"not\": {\"field\": \"topic_consent\", \"op\": \"=\", \"value\":"
                    + " \"offers-@\"}}"))
        .containsExactlyInAnyOrder("ann", "bob", "dan");
  }

  @Test
  void topicConsentRulesAreChecked() {
    for (Object bad : List.of(true, "", " ", "Offers", "x".repeat(41), List.of("offers"))) {
      assertThatThrownBy(
              () ->
                  RuleParser.parse(
                      Map.of("field", "topic_consent", "op", "=", "value", bad), "rules"))
          .as(String.valueOf(bad))
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e -> assertThat(e.errors().get(0).field()).isEqualTo("rules.value"));
    }
    assertThatThrownBy(
            () ->
                RuleParser.parse(
                    Map.of("field", "topic_consent", "op", "in", "value", List.of("offers")),
                    "rules"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors().get(0).field()).isEqualTo("rules.op"));
  }

  private void leaveOrJoin(String customer, String topic, boolean granted) {
    long id = sql.count("SELECT id FROM customers WHERE external_id = ?", customer + run);
    ledger.record(
        List.of(
            ConsentStatement.email(
                    id,
                    granted,
                    System.currentTimeMillis(),
                    ConsentSource.PREFERENCE_CENTRE,
                    "test")
                .forTopic(topic)));
  }

  @Test
  void behaviourConditions() {
    assertThat(select("{\"bought\": {\"category\": \"@Garden\", \"withinDays\": 30}}"))
        .as("prefix at a / boundary: Gardening is not in Garden")
        .containsExactly("ann");
    assertThat(select("{\"bought\": {\"category\": \"@Garden\"}}"))
        .containsExactlyInAnyOrder("ann", "bob");
    assertThat(select("{\"bought\": {\"product\": \"pan@\", \"withinDays\": 7}}"))
        .containsExactly("dan");
    assertThat(select("{\"neverBought\": {\"product\": \"rake@\"}}"))
        .containsExactlyInAnyOrder("bob", "cid", "dan");
    assertThat(select("{\"engaged\": {\"event\": \"open\", \"withinDays\": 7}}"))
        .containsExactly("ann");
    assertThat(select("{\"engaged\": {\"event\": \"click\", \"withinDays\": 30}}")).isEmpty();
    assertThat(select("{\"engaged\": {\"event\": \"click\", \"withinDays\": 60}}"))
        .containsExactly("bob");
  }

  @Test
  void groupsCombine() {
    assertThat(
            select(
                "{\"any\": [{\"bought\": {\"category\": \"@Kitchen\", \"withinDays\": 30}},"
                    + " {\"all\": [{\"field\": \"orders\", \"op\": \">\", \"value\": 1},"
                    + " {\"not\": {\"field\": \"rfm_segment\", \"op\": \"=\", \"value\":"
                    + " \"champions\"}}]}]}"))
        .containsExactlyInAnyOrder("dan", "bob");
  }

  @Test
  void newEventsCountAtOnce() {
    assertThat(select("{\"bought\": {\"category\": \"@Pantry\", \"withinDays\": 1}}")).isEmpty();
    event("cid", "tea", "purchase", 0);
    assertThat(select("{\"bought\": {\"category\": \"@Pantry\", \"withinDays\": 1}}"))
        .containsExactly("cid");
  }

  @Test
  void hostileStringsAreValuesNotSql() {
    for (String hostile :
        List.of(
            "O'B; DROP TABLE c;--",
            "' OR '1'='1",
            "x\" OR 1=1 /*",
            "*/ UNION SELECT * FROM segments --",
            "ünï\u0000cødé 🙂 \\' ;")) {
      Map<String, Object> rule =
          Map.of(
              "all",
              List.of(
                  Map.of("field", "country", "op", "=", "value", country),
                  Map.of("field", "postcode", "op", "in", "value", List.of(hostile))));
      SegmentPreview p = audience.preview(RuleParser.parse(rule, "rules"));
      Set<String> names = new HashSet<>();
      p.sample().forEach(m -> names.add(m.name()));
      assertThat(names)
          .as(hostile)
          .isEqualTo(hostile.startsWith("O'B;") ? Set.of("dan") : Set.of());
    }
    assertThat(sql.count("SELECT COUNT(*) FROM customers WHERE country = ?", country)).isEqualTo(4);
    assertThatThrownBy(
            () ->
                segments.create(
                    Map.of(
                        "name",
                        "x",
                        "rules",
                        Map.of("bought", Map.of("category", "'; DROP TABLE products; --")))))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors().get(0).field()).isEqualTo("rules.bought.category"));
  }

  @Test
  void snapshotsFreezeTheAudienceOfTheCurrentVersion() {
    String other = "S" + run;
    customer("fay", true, null, "1", other);
    customer("gus", false, null, "1", other);
    Map<String, Object> v1 =
        Map.of(
            "name",
            "consented " + run,
            "rules",
            Map.of(
                "all",
                List.of(
                    Map.of("field", "country", "op", "=", "value", other),
                    Map.of("field", "email_consent", "op", "=", "value", true))));
    SegmentView created = segments.create(v1);
    Map<String, Object> v2 = new java.util.HashMap<>(v1);
    v2.put("rules", Map.of("field", "country", "op", "=", "value", other));
    SegmentView updated = segments.update(created.id(), v2);
    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.versions()).extracting(SegmentVersion::version).containsExactly(2, 1);

    Snapshot snapshot = snapshots.freeze(created.id());
    assertThat(snapshot.size()).isEqualTo(2);
    assertThat(snapshot.segmentVersion()).isEqualTo(2);
    customer("eve", true, null, "1", other);
    List<Long> members = new java.util.ArrayList<>();
    snapshots.forEachMember(snapshot.id(), members::add);
    assertThat(members).hasSize(2).isSorted();
    assertThat(segments.count(created.id())).isEqualTo(3);
    assertThat(snapshots.find(snapshot.id()).size()).isEqualTo(2);
  }
}
