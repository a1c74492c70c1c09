package io.affinity.campaigns.triggers;

import io.affinity.campaigns.campaign.CampaignStarted;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.sensitive.SensitiveCategories;
import io.affinity.core.consent.SuppressionList;
import io.affinity.recommender.index.Categories;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the active triggers against the purchase events added since the last run.
 *
 * <p>Each step is one transaction that locks the progress row ({@code trigger_progress}), reads a
 * range of events past the watermark, writes every firing (recipient rows and the {@code
 * trigger_firings} record) and advances the watermark: a crash loses nothing and repeats nothing,
 * and a second service instance waits on the lock instead of evaluating the same events.
 *
 * <p>Auto-increment ids are handed out before commit, so an ingest transaction may commit after a
 * later-numbered event was read (as in {@code BehaviourFacts}). Every step therefore re-reads the
 * last {@value #RESCAN_IDS} ids below the watermark; {@code trigger_firings}, unique per trigger
 * and event, says which of them were evaluated already, so none is evaluated twice. When no event
 * is newer than the watermark and the watermark has not moved for {@value #QUIET_MS} ms, a run
 * reads nothing and takes no lock: an idle shop costs one small query per poll. (A straggler that
 * commits later still is evaluated by the next run that finds a new event.)
 */
@Singleton
public class TriggerEvaluator {
  /** Ids re-read below the watermark on every step. */
  static final long RESCAN_IDS = 20_000;

  /** How long after the watermark moved a transaction numbered below it may still commit. */
  static final long QUIET_MS = 60_000;

  /** Event ids read per step (one transaction). */
  static final long STEP_IDS = 5_000;

  private final Transactions tx;
  private final TriggerConfiguration config;
  private final ApplicationEventPublisher<CampaignStarted> started;
  private final SuppressionList suppressions;
  private final SensitiveCategories sensitive;

  public TriggerEvaluator(
      Transactions tx,
      TriggerConfiguration config,
      ApplicationEventPublisher<CampaignStarted> started,
      SuppressionList suppressions,
      SensitiveCategories sensitive) {
    this.tx = tx;
    this.config = config;
    this.started = started;
    this.suppressions = suppressions;
    this.sensitive = sensitive;
  }

  /** What one evaluation did: evaluations per outcome, and how many steps it took. */
  public record Evaluation(Map<FiringOutcome, Integer> outcomes, int steps) {
    /** Evaluations with {@code outcome}. */
    public int count(FiringOutcome outcome) {
      return outcomes.getOrDefault(outcome, 0);
    }
  }

  /** Evaluates every event added since the last run; returns what came of it. */
  public synchronized Evaluation evaluateNow() {
    Map<FiringOutcome, Integer> outcomes = new EnumMap<>(FiringOutcome.class);
    if (quiet()) {
      return new Evaluation(outcomes, 0);
    }
    List<Long> created = new ArrayList<>();
    int steps = 0;
    boolean done = false;
    while (!done) {
      long now = System.currentTimeMillis();
      List<HouseholdFiring.Result> results = new ArrayList<>();
      done = tx.write(c -> step(c, now, results));
      steps++;
      for (HouseholdFiring.Result r : results) {
        outcomes.merge(r.outcome(), 1, Integer::sum);
        if (r.createdCampaign() != null) {
          created.add(r.createdCampaign());
        }
      }
    }
    // After commit: a local delivery engine starts sending the new window's campaign at once.
    created.forEach(id -> started.publishEvent(new CampaignStarted(id)));
    return new Evaluation(outcomes, steps);
  }

  /** Whether no event is past the watermark and the watermark has been still for a while. */
  private boolean quiet() {
    return tx.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT last_event_id, updated_at, (SELECT COALESCE(MAX(id), 0) FROM"
                          + " events) FROM trigger_progress WHERE id = 1");
              ResultSet rs = ps.executeQuery()) {
            return rs.next()
                && rs.getLong(3) <= rs.getLong(1)
                && System.currentTimeMillis() - rs.getLong(2) > QUIET_MS;
          }
        });
  }

  /** Evaluates one range of events; returns whether the watermark reached the newest event. */
  private boolean step(Connection c, long now, List<HouseholdFiring.Result> results)
      throws SQLException {
    // A retried transaction (deadlock) starts over with nothing recorded.
    results.clear();
    long last = single(c, "SELECT last_event_id FROM trigger_progress WHERE id = 1 FOR UPDATE");
    long max = single(c, "SELECT COALESCE(MAX(id), 0) FROM events");
    List<TriggerRule> rules = TriggerStore.active(c);
    long to = rules.isEmpty() ? max : Math.min(max, last + STEP_IDS);
    if (!rules.isEmpty()) {
      long from = Math.max(0, last - RESCAN_IDS);
      long since = rules.stream().mapToLong(r -> r.trigger().activeSince()).min().orElse(now);
      Set<String> evaluated = evaluated(c, from, to);
      long lateness = config.getMaxLateness().toMillis();
      for (PurchaseEvent e : purchases(c, from, to, since)) {
        for (TriggerRule rule : rules) {
          if (e.receivedAt() >= rule.trigger().activeSince()
              && matches(rule, e)
              && !evaluated.contains(rule.trigger().id() + ":" + e.id())) {
            results.add(HouseholdFiring.fire(c, rule, e, now, lateness, suppressions, sensitive));
          }
        }
      }
    }
    if (to > last) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE trigger_progress SET last_event_id = ?, updated_at = ? WHERE id = 1")) {
        ps.setLong(1, to);
        ps.setLong(2, now);
        ps.executeUpdate();
      }
    }
    return to >= max;
  }

  private static boolean matches(TriggerRule rule, PurchaseEvent e) {
    Trigger t = rule.trigger();
    if (rule.productKey() != null) {
      return rule.productKey().equals(e.productId());
    }
    return t.categoryPrefix() != null
        && e.categoryPath() != null
        && Categories.prefixes(e.categoryPath()).contains(t.categoryPrefix());
  }

  /** Purchases with {@code from < id <= to} received at or after {@code since}, by id. */
  private static List<PurchaseEvent> purchases(Connection c, long from, long to, long since)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT e.id, e.customer_id, cu.household_id, e.product_id, p.category_path,"
                + " e.occurred_at, e.received_at FROM events e"
                + " LEFT JOIN customers cu ON cu.id = e.customer_id"
                + " LEFT JOIN products p ON p.id = e.product_id"
                + " WHERE e.id > ? AND e.id <= ? AND e.type = 'purchase' AND e.received_at >= ?"
                + " ORDER BY e.id")) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      ps.setLong(3, since);
      List<PurchaseEvent> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long household = rs.getLong(3);
          Long householdId = rs.wasNull() ? null : household;
          long product = rs.getLong(4);
          Long productId = rs.wasNull() ? null : product;
          out.add(
              new PurchaseEvent(
                  rs.getLong(1),
                  rs.getLong(2),
                  householdId,
                  productId,
                  rs.getString(5),
                  rs.getLong(6),
                  rs.getLong(7)));
        }
      }
      return out;
    }
  }

  /** "trigger:event" of the evaluations recorded for events {@code from < id <= to}. */
  private static Set<String> evaluated(Connection c, long from, long to) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT trigger_id, event_id FROM trigger_firings WHERE event_id > ? AND event_id <= ?")) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      Set<String> out = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1) + ":" + rs.getLong(2));
        }
      }
      return out;
    }
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}
