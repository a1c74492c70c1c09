package io.affinity.campaigns.triggers;

import static io.affinity.campaigns.triggers.TriggerFixture.num;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.delivery.TestTemplates;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.event.EventIngestor;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Trigger evaluation against a real database (no SMTP: messages are due later than the test runs,
 * or delivery is not started): caps, buyer exclusion, consent, holdout share, delay, replays.
 */
@MicronautTest(transactional = false)
class TriggerFiringTest {
  @Inject Triggers triggers;
  @Inject TriggerEvaluator evaluator;
  @Inject Transactions tx;
  @Inject EventIngestor events;
  @Inject TemplateService templates;
  @Inject TriggerConfiguration config;
  @Inject io.affinity.core.consent.SuppressionList suppressions;
  @Inject io.affinity.campaigns.sensitive.SensitiveCategories sensitive;
  @Inject io.affinity.campaigns.campaign.CampaignService campaigns;

  private TriggerFixture f;
  private long template;
  private final List<Long> created = new java.util.ArrayList<>();

  @BeforeEach
  void setUp() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    f = new TriggerFixture(run, tx, events);
    template = TestTemplates.greeting(templates, "trig-" + run, 1);
    // Events of earlier tests are behind the watermark before this test's trigger exists.
    evaluator.evaluateNow();
  }

  @AfterEach
  void pauseTriggers() {
    // The database may be shared: leave no active trigger behind.
    for (long id : created) {
      if (triggers.find(id).status().equals("active")) {
        triggers.pause(id);
      }
    }
  }

  private Trigger create(TriggerInput in) {
    Trigger t = triggers.create(in);
    created.add(t.id());
    return t;
  }

  @Test
  void firesOncePerHouseholdWithinTheCapAndNeverToTheBuyer() {
    Trigger t = create(f.trigger("cap", false, 0, 60, template));
    List<List<Long>> households = f.households(3, 3);
    for (List<Long> h : households) {
      f.buy(List.of(h.get(0)), Instant.now());
      f.buy(List.of(h.get(1)), Instant.now());
    }

    TriggerEvaluator.Evaluation e = evaluator.evaluateNow();

    assertThat(e.count(FiringOutcome.FIRED)).isEqualTo(3);
    assertThat(e.count(FiringOutcome.CAPPED)).isEqualTo(3);
    List<Map<String, Object>> rows = f.recipients(t.id());
    for (List<Long> h : households) {
      Set<Long> addressed = new HashSet<>();
      rows.stream()
          .filter(r -> h.contains(num(r.get("customer_id"))))
          .forEach(r -> addressed.add(num(r.get("customer_id"))));
      // The first buyer's purchase fired: the other two members, not the buyer.
      assertThat(addressed).containsExactlyInAnyOrder(h.get(1), h.get(2));
    }
    assertThat(rows).hasSize(6).allMatch(r -> r.get("state").equals("pending"));
    // One window campaign holds all of them.
    assertThat(rows.stream().map(r -> num(r.get("campaign_id"))).distinct()).hasSize(1);
    Map<String, Object> campaign =
        f.rows("SELECT * FROM campaigns WHERE id = ?", rows.get(0).get("campaign_id")).get(0);
    assertThat(campaign).containsEntry("kind", "trigger").containsEntry("status", "running");
  }

  @Test
  void addressesTheBuyerOnlyWhenConfiguredAndThePrimaryContactWhenAsked() {
    Trigger withBuyer = create(f.trigger("buyer", true, 0, 60, template));
    TriggerInput primaryInput = f.trigger("primary", false, 0, 60, template);
    Trigger primary =
        create(
            new TriggerInput(
                primaryInput.name(),
                primaryInput.categoryPrefix(),
                null,
                60,
                template,
                "shop@shop.example",
                null,
                "primary",
                false,
                null,
                null,
                null,
                null,
                BigDecimal.ZERO,
                null,
                7L));
    List<Long> h = f.households(1, 3).get(0);
    List<Long> single = f.households(1, 1).get(0);
    f.buy(List.of(h.get(2), single.get(0)), Instant.now());

    evaluator.evaluateNow();

    assertThat(f.recipients(withBuyer.id()).stream().map(r -> num(r.get("customer_id"))))
        .containsExactlyInAnyOrder(h.get(0), h.get(1), h.get(2), single.get(0));
    // The primary contact is the household's earliest member.
    assertThat(f.recipients(primary.id()).stream().map(r -> num(r.get("customer_id"))))
        .containsExactly(h.get(0));
    // A buyer without other members and a trigger excluding buyers: nobody to address.
    assertThat(f.firings(primary.id()))
        .anyMatch(
            r -> num(r.get("buyer_id")) == single.get(0) && r.get("outcome").equals("no-audience"));
  }

  @Test
  void neverAddressesUnsubscribedNonConsentingOrSuppressedMembers() {
    Trigger t = create(f.trigger("consent", false, 0, 60, template));
    List<Long> h = f.households(1, 5).get(0);
    f.sql(
        "UPDATE customers SET email_consent = FALSE, consent_source = 'unsubscribe' WHERE id = ?",
        h.get(1));
    f.sql(
        "UPDATE customers SET email_consent = FALSE, consent_source = NULL WHERE id = ?", h.get(2));
    String bounced =
        (String) f.rows("SELECT email FROM customers WHERE id = ?", h.get(3)).get(0).get("email");
    tx.write(c -> suppressions.suppress(c, bounced.toUpperCase(), "bounced", null, null));
    f.buy(List.of(h.get(0)), Instant.now());

    evaluator.evaluateNow();

    assertThat(f.recipients(t.id()).stream().map(r -> num(r.get("customer_id"))))
        .containsExactly(h.get(4));
  }

  @Test
  void holdsOutItsShareOfHouseholdsWholly() {
    Trigger t = create(f.trigger("holdout", false, 20, 24 * 60, template));
    int n = 2_000;
    List<List<Long>> households = f.households(n, 3);
    f.buy(households.stream().map(h -> h.get(0)).toList(), Instant.now());

    TriggerEvaluator.Evaluation e = evaluator.evaluateNow();

    assertThat(e.count(FiringOutcome.FIRED)).isEqualTo(n);
    List<Map<String, Object>> rows = f.recipients(t.id());
    assertThat(rows).hasSize(2 * n);
    Map<Long, Set<String>> armsByHousehold = new HashMap<>();
    for (Map<String, Object> r : rows) {
      armsByHousehold
          .computeIfAbsent(num(r.get("household_id")), k -> new HashSet<>())
          .add((String) r.get("arm"));
      assertThat(r.get("state")).isEqualTo(r.get("arm").equals("control") ? "control" : "pending");
    }
    // A household is all holdout or all treatment.
    assertThat(armsByHousehold.values()).allMatch(arms -> arms.size() == 1);
    long held = armsByHousehold.values().stream().filter(a -> a.contains("control")).count();
    double sigma = Math.sqrt(n * 0.2 * 0.8);
    assertThat((double) held).isBetween(n * 0.2 - 4 * sigma, n * 0.2 + 4 * sigma);
  }

  @Test
  void aRecipientIsDueAtPurchaseTimePlusTheDelay() {
    Trigger t = create(f.trigger("delay", false, 0, 90, template));
    List<Long> h = f.households(1, 2).get(0);
    Instant bought = Instant.now().minusSeconds(30);
    f.buy(List.of(h.get(0)), bought);

    evaluator.evaluateNow();

    Map<String, Object> row = f.recipients(t.id()).get(0);
    long due = bought.toEpochMilli() + Duration.ofMinutes(90).toMillis();
    assertThat(num(row.get("next_attempt_at"))).isEqualTo(due);
    assertThat(num(row.get("due_at"))).isEqualTo(due);
    assertThat(row.get("state")).isEqualTo("pending");
  }

  @Test
  void aRecipientKeepsTheSegmentItWasInWhenTheTriggerFired() {
    Trigger t = create(f.trigger("segment", false, 0, 60, template));
    List<Long> h = f.households(1, 3).get(0);
    f.sql(
        "INSERT INTO customer_metrics (customer_id, rfm_segment, computed_at) VALUES (?, ?, 0)",
        h.get(1),
        "champions");
    f.buy(List.of(h.get(0)), Instant.now().minusSeconds(30));

    evaluator.evaluateNow();
    f.sql("UPDATE customer_metrics SET rfm_segment = 'loyal' WHERE customer_id = ?", h.get(1));

    Map<Long, Object> segments = new HashMap<>();
    f.recipients(t.id())
        .forEach(r -> segments.put(num(r.get("customer_id")), r.get("rfm_segment")));
    assertThat(segments)
        .containsExactlyInAnyOrderEntriesOf(Map.of(h.get(1), "champions", h.get(2), "unknown"));
  }

  @Test
  void anIdleShopIsNotReadUntilANewPurchaseArrives() {
    Trigger t = create(f.trigger("idle", false, 0, 60, template));
    List<Long> h = f.households(1, 2).get(0);
    f.sql(
        "UPDATE trigger_progress SET updated_at = "
            + (System.currentTimeMillis() - TriggerEvaluator.QUIET_MS - 1_000)
            + " WHERE id = 1");
    assertThat(evaluator.evaluateNow().steps()).isZero();

    events.ingest(List.of(f.purchase(f.run + "-idle", h.get(0), Instant.now())));
    TriggerEvaluator.Evaluation e = evaluator.evaluateNow();
    assertThat(e.steps()).isPositive();
    assertThat(e.count(FiringOutcome.FIRED)).isEqualTo(1);
    assertThat(f.recipients(t.id())).hasSize(1);
  }

  @Test
  void aReplayedOrReReadEventDoesNotFireTwice() {
    Trigger t = create(f.trigger("replay", false, 0, 60, template));
    List<Long> h = f.households(1, 2).get(0);
    Instant at = Instant.now();
    events.ingest(List.of(f.purchase(f.run + "-same", h.get(0), at)));
    evaluator.evaluateNow();
    // The same event again (ignored by ingest), the same order under a new event id (a new
    // purchase line: the cap holds it), and the watermark wound back as if a second instance or
    // the straggler re-read saw these events again.
    events.ingest(List.of(f.purchase(f.run + "-same", h.get(0), at)));
    events.ingest(List.of(f.purchase(f.run + "-other", h.get(0), at)));
    f.sql("UPDATE trigger_progress SET last_event_id = last_event_id - 5 WHERE id = 1");
    evaluator.evaluateNow();
    evaluator.evaluateNow();

    assertThat(f.recipients(t.id())).hasSize(1);
    assertThat(f.firings(t.id()).stream().map(r -> r.get("outcome")))
        .containsExactly("fired", "capped");
  }

  @Test
  void oldPurchasesAndPausedTriggersSendNothing() {
    Trigger t = create(f.trigger("late", false, 0, 0, template));
    List<Long> h = f.households(2, 2).get(0);
    // An import of last week's orders arrives now: too late to be relevant.
    f.buy(List.of(h.get(0)), Instant.now().minus(Duration.ofDays(7)));
    evaluator.evaluateNow();
    assertThat(f.firings(t.id()))
        .singleElement()
        .satisfies(r -> assertThat(r.get("outcome")).isEqualTo("late"));

    triggers.pause(t.id());
    f.buy(List.of(h.get(1)), Instant.now());
    evaluator.evaluateNow();
    triggers.resume(t.id());
    evaluator.evaluateNow();
    // Purchases received while paused are not evaluated after resuming either.
    assertThat(f.firings(t.id())).hasSize(1);
    assertThat(f.recipients(t.id())).isEmpty();
  }

  @Test
  void aHouseholdCapAboveOneKeepsTheCooldownAndTheCustomerCap() {
    TriggerInput d = f.trigger("cooldown", false, 0, 60, template);
    Trigger t =
        create(
            new TriggerInput(
                d.name(),
                d.categoryPrefix(),
                null,
                60,
                template,
                "shop@shop.example",
                null,
                null,
                false,
                2,
                30,
                30,
                1,
                BigDecimal.ZERO,
                null,
                3L));
    List<Long> h = f.households(1, 3).get(0);
    Instant now = Instant.now();
    f.buy(List.of(h.get(0)), now.minus(Duration.ofMinutes(180)));
    f.buy(List.of(h.get(1)), now.minus(Duration.ofMinutes(150))); // within the 1 h cooldown
    f.buy(List.of(h.get(1)), now.minus(Duration.ofMinutes(60))); // the second of two allowed
    f.buy(List.of(h.get(2)), now); // over the cap of two

    evaluator.evaluateNow();

    assertThat(f.firings(t.id()).stream().map(r -> r.get("outcome")))
        .containsExactly("fired", "cooldown", "fired", "capped");
    // The second firing reaches the first buyer; the third member had their message already.
    assertThat(f.recipients(t.id()).stream().map(r -> num(r.get("customer_id"))))
        .containsExactly(h.get(1), h.get(2), h.get(0));
  }

  @Test
  void twoEvaluatorsAtOnceEvaluateEachEventOnce() throws Exception {
    Trigger t = create(f.trigger("twice", false, 0, 60, template));
    int n = 100;
    List<List<Long>> households = f.households(n, 2);
    f.buy(households.stream().map(h -> h.get(0)).toList(), Instant.now());
    // A second evaluator, as in a second service instance: only the progress row's lock keeps
    // the two apart (each instance's evaluateNow is synchronized on its own bean only).
    TriggerEvaluator second =
        new TriggerEvaluator(tx, config, event -> {}, suppressions, sensitive);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var a = pool.submit(evaluator::evaluateNow);
      var b = pool.submit(second::evaluateNow);
      int fired = a.get().count(FiringOutcome.FIRED) + b.get().count(FiringOutcome.FIRED);
      assertThat(fired).isEqualTo(n);
    } finally {
      pool.shutdown();
    }
    assertThat(f.firings(t.id())).hasSize(n);
    assertThat(f.recipients(t.id())).hasSize(n);
  }

  @Test
  void aCancelledWindowCampaignTakesNoMoreRecipients() {
    Trigger t = create(f.trigger("cancel", false, 0, 60, template));
    List<List<Long>> households = f.households(2, 2);
    f.buy(List.of(households.get(0).get(0)), Instant.now());
    evaluator.evaluateNow();
    long campaign = num(f.recipients(t.id()).get(0).get("campaign_id"));
    campaigns.cancel(campaign);

    f.buy(List.of(households.get(1).get(0)), Instant.now());
    evaluator.evaluateNow();

    assertThat(f.firings(t.id()).stream().map(r -> r.get("outcome")))
        .containsExactly("fired", "cancelled");
    assertThat(f.recipients(t.id()))
        .singleElement()
        .satisfies(r -> assertThat(r.get("state")).isEqualTo("cancelled"));
  }

  @Test
  void badInputNamesTheFieldAndStoresNothing() {
    long before = num(f.rows("SELECT COUNT(*) AS n FROM triggers").get(0).get("n"));
    TriggerInput bad =
        new TriggerInput(
            "",
            null,
            "no-such-product-" + f.run,
            -5,
            TestTemplates.MISSING,
            "not an address",
            null,
            "everyone",
            null,
            0,
            400,
            null,
            null,
            new BigDecimal("100"),
            null,
            null);
    assertThatThrownBy(() -> triggers.create(bad))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors().stream().map(x -> x.field()))
                    .contains(
                        "name",
                        "delayMinutes",
                        "templateId",
                        "fromAddress",
                        "audience",
                        "householdCap",
                        "householdCapDays",
                        "holdoutPercent",
                        "productId"));
    assertThat(num(f.rows("SELECT COUNT(*) AS n FROM triggers").get(0).get("n"))).isEqualTo(before);
  }
}
