package io.affinity.service.console.campaigns;

import io.affinity.campaigns.campaign.CampaignProgress;
import io.affinity.campaigns.campaign.CampaignView;
import io.affinity.campaigns.campaign.Variant;
import io.affinity.campaigns.tracking.CampaignEngagement;
import io.affinity.campaigns.tracking.EngagementCounts;
import io.affinity.service.console.Formats;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign as the page shows it: status, progress (recipients done of all, per state, rate and
 * ETA), engagement (sent, opened, clicked), settings, and which actions its status allows.
 */
@Singleton
class CampaignRows {
  private final CampaignEngagement engagement;
  private final Choices choices;

  CampaignRows(CampaignEngagement engagement, Choices choices) {
    this.engagement = engagement;
    this.choices = choices;
  }

  /** The figures of campaign {@code c} and its settings, with segment and templates by name. */
  Map<String, Object> detail(CampaignView c) {
    Map<String, Object> m = of(c);
    m.put("settings", settings(c, names(choices.segments()), names(choices.templates())));
    return m;
  }

  private static Map<String, String> names(List<Map<String, String>> choices) {
    Map<String, String> byId = new java.util.HashMap<>();
    choices.forEach(x -> byId.put(x.get("id"), x.get("name")));
    return byId;
  }

  /** The figures of campaign {@code c} (read with its progress). */
  Map<String, Object> of(CampaignView c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Long.toString(c.id()));
    m.put("name", c.name());
    m.put("kind", c.kind());
    m.put("status", c.status());
    m.put("email", "email".equals(c.kind()));
    m.put("external", "external".equals(c.kind()));
    CampaignProgress p = c.progress();
    long total = p == null ? 0 : p.recipients();
    long waiting = p == null ? 0 : state(p, "pending") + state(p, "claimed");
    long done = Math.max(0, total - waiting);
    m.put("recipients", Formats.count(total));
    m.put("done", Formats.count(done));
    m.put("percent", total == 0 ? 0 : (int) Math.min(100, done * 100 / total));
    m.put("sent", Formats.count(p == null ? 0 : state(p, "sent")));
    m.put("rate", p == null ? "-" : Formats.decimal(p.ratePerSecond(), 1) + " messages/s");
    m.put("eta", p == null || p.etaSeconds() == null ? "-" : Formats.count(p.etaSeconds()) + " s");
    List<Map<String, String>> states = new ArrayList<>();
    if (p != null) {
      p.states().entrySet().stream()
          .filter(e -> e.getValue() > 0)
          .forEach(
              e -> states.add(Map.of("state", e.getKey(), "count", Formats.count(e.getValue()))));
    }
    m.put("states", states);
    EngagementCounts e = engagement.of(c.id());
    m.put("opens", Formats.count(e.uniqueOpens()));
    m.put("clicks", Formats.count(e.uniqueClicks()));
    m.put("unsubscribes", Formats.count(e.unsubscribes()));
    m.put("live", c.status().equals("running") || c.status().equals("scheduled"));
    m.put("canEdit", c.status().equals("draft") && "email".equals(c.kind()));
    m.put("canLaunch", c.status().equals("draft") && "email".equals(c.kind()));
    m.put("canPause", c.status().equals("running") && "email".equals(c.kind()));
    m.put("canResume", c.status().equals("paused") && "email".equals(c.kind()));
    m.put(
        "canCancel",
        "email".equals(c.kind())
            && List.of("draft", "scheduled", "running", "paused").contains(c.status()));
    m.put("canCopy", "email".equals(c.kind()));
    m.put("canReschedule", c.status().equals("scheduled") && "email".equals(c.kind()));
    m.put("scheduledAt", CampaignForm.local(c.scheduledAt()));
    m.put("hasReport", c.startedAt() != null);
    m.put("pausedReason", c.pausedReason() == null ? "" : c.pausedReason());
    return m;
  }

  private static List<Map<String, String>> settings(
      CampaignView c, Map<String, String> segments, Map<String, String> templates) {
    List<Map<String, String>> s = new ArrayList<>();
    add(
        s,
        "Segment",
        c.segmentId() == null
            ? "-"
            : segments.getOrDefault(c.segmentId().toString(), "") + " #" + c.segmentId());
    if (c.snapshotId() != null) {
      add(s, "Snapshot", "#" + c.snapshotId());
    }
    if (c.fromAddress() != null) {
      add(s, "From", Formats.text(c.fromName()) + " <" + c.fromAddress() + ">");
    }
    StringBuilder variants = new StringBuilder();
    for (Variant v : c.variants()) {
      variants.append(variants.length() == 0 ? "" : ", ").append(v.name());
      // Another tool's campaign names its arms only; ours have a template and a weight each.
      if ("email".equals(c.kind()) || "trigger".equals(c.kind())) {
        variants
            .append(": ")
            .append(templates.getOrDefault(Long.toString(v.templateId()), "template"))
            .append(" #")
            .append(v.templateId())
            .append(v.templateVersion() == null ? "" : " v" + v.templateVersion())
            .append(", weight ")
            .append(v.weight());
      }
    }
    add(s, "Variants", variants.length() == 0 ? "-" : variants.toString());
    add(s, "Control group", c.controlPercent().stripTrailingZeros().toPlainString() + "%");
    add(s, "Household assignment", c.householdAssignment() ? "whole households" : "per person");
    add(s, "Attribution", c.attributionDays() + " days");
    add(s, "Topic", Formats.text(c.topic()));
    add(s, "Scheduled", Formats.time(c.scheduledAt()));
    add(s, "Started", Formats.time(c.startedAt()));
    add(s, "Finished", Formats.time(c.finishedAt()));
    add(s, "Created", Formats.time(c.createdAt()));
    return s;
  }

  private static void add(List<Map<String, String>> s, String label, String value) {
    s.add(Map.of("label", label, "value", value));
  }

  private static long state(CampaignProgress p, String state) {
    return p.states().getOrDefault(state, 0L);
  }
}
