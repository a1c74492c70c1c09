package io.affinity.service.console.triggers;

import io.affinity.campaigns.triggers.Firing;
import io.affinity.campaigns.triggers.FiringOutcome;
import io.affinity.campaigns.triggers.Trigger;
import io.affinity.campaigns.triggers.TriggerStatus;
import io.affinity.service.console.Formats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the triggers pages show a trigger and its firing log: every formatting happens here. */
final class TriggerPages {
  /** What each outcome of the firing log means, in the order the page lists them. */
  static final Map<String, String> OUTCOMES = outcomes();

  private TriggerPages() {}

  private static Map<String, String> outcomes() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(FiringOutcome.FIRED.wireName(), "Recipients written, to be sent");
    m.put(
        Firing.HELD_OUT, "Fired for a household in the holdout: recorded as control, nothing sent");
    m.put(
        FiringOutcome.CAPPED.wireName(),
        "The household had its quota in the cap window, or every member had their message");
    m.put(FiringOutcome.COOLDOWN.wireName(), "The household's last firing was within the cooldown");
    m.put(
        FiringOutcome.NO_AUDIENCE.wireName(),
        "Nobody to address: no other member, or none reachable (consent, address, suppression,"
            + " topic)");
    m.put(FiringOutcome.CANCELLED.wireName(), "The current window's campaign was cancelled");
    m.put(
        FiringOutcome.LATE.wireName(),
        "Evaluated too long after it was due (an import of old orders)");
    m.put(
        FiringOutcome.SENSITIVE.wireName(),
        "The product is in a sensitive category: its purchase addresses nobody");
    return m;
  }

  /** A trigger as a row of the list and the head of its page. */
  static Map<String, Object> row(Trigger t, Map<Long, String> templateNames) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("name", t.name());
    m.put(
        "condition",
        t.productId() != null
            ? "bought product " + t.productId()
            : "bought in " + t.categoryPrefix());
    m.put("template", templateNames.getOrDefault(t.templateId(), "template " + t.templateId()));
    m.put("delay", delay(t.delayMinutes()));
    m.put("audience", t.audience() + (t.includeBuyer() ? " and the buyer" : ""));
    m.put(
        "cap",
        t.householdCap()
            + " per household in "
            + t.householdCapDays()
            + " days; a customer at most once in "
            + t.customerCapDays()
            + " days"
            + (t.cooldownHours() > 0 ? "; cooldown " + t.cooldownHours() + " h" : ""));
    m.put("holdout", t.holdoutPercent().stripTrailingZeros().toPlainString() + "%");
    m.put("attribution", t.attributionDays() + " days");
    m.put(
        "from",
        t.fromName() == null ? t.fromAddress() : t.fromName() + " <" + t.fromAddress() + ">");
    m.put("topic", Formats.text(t.topic()));
    m.put("status", t.status());
    m.put("active", TriggerStatus.ACTIVE.wireName().equals(t.status()));
    m.put("updated", Formats.time(Instant.ofEpochMilli(t.updatedAt())));
    return m;
  }

  /** The outcome counts, every outcome listed (zero too), with what it means. */
  static List<Map<String, Object>> counts(Map<String, Long> counts) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<String, String> o : OUTCOMES.entrySet()) {
      out.add(
          Map.of(
              "outcome", o.getKey(),
              "count", Formats.count(counts.getOrDefault(o.getKey(), 0L)),
              "why", o.getValue()));
    }
    return out;
  }

  /** The latest evaluations. */
  static List<Map<String, Object>> firings(List<Firing> firings) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Firing f : firings) {
      String outcome = f.heldOut() ? Firing.HELD_OUT : f.outcome();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("evaluated", Formats.time(Instant.ofEpochMilli(f.evaluatedAt())));
      m.put("purchased", Formats.time(Instant.ofEpochMilli(f.purchasedAt())));
      m.put("buyer", f.buyer() == null ? "(erased)" : f.buyer());
      m.put("household", f.householdId() == null ? "-" : f.householdId().toString());
      m.put("outcome", outcome);
      m.put("why", OUTCOMES.getOrDefault(outcome, outcome));
      m.put("recipients", Integer.toString(f.recipients()));
      m.put("due", Formats.time(Instant.ofEpochMilli(f.dueAt())));
      m.put("campaign", f.campaignId() == null ? "-" : f.campaignId().toString());
      out.add(m);
    }
    return out;
  }

  private static String delay(int minutes) {
    if (minutes == 0) {
      return "at once";
    }
    if (minutes % 1440 == 0) {
      return minutes / 1440 + " d";
    }
    if (minutes % 60 == 0) {
      return minutes / 60 + " h";
    }
    return minutes + " min";
  }
}
