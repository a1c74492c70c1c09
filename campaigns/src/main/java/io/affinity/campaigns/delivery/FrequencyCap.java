package io.affinity.campaigns.delivery;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which claimed recipients are over the frequency cap: the overall cap ({@link
 * FrequencyCapConfiguration}, or the campaign topic's own, {@link TopicFrequencyCap}) and the lower
 * frequency the person chose ({@code customers.email_frequency}: weekly is at most one in 7 days,
 * monthly one in 30).
 *
 * <p>What counts as a message a customer got: every {@code campaign_recipients} row of theirs with
 * a send time in the window (sent, and sent then reported bounced or complained; external
 * campaigns' imported sends too), and rows of other campaigns claimed or ambiguous now, which may
 * be in flight. Read with one query per batch over {@code ix_campaign_recipients_contact}, after
 * the batch's claim was committed: two campaigns claiming the same person at once then each see the
 * other's claim, or at least the later check sees the earlier one, so one of them is capped (or
 * both: over-capping is acceptable, over-sending is not).
 */
@Singleton
public class FrequencyCap {
  static final Duration WEEK = Duration.ofDays(7);
  static final Duration MONTH = Duration.ofDays(30);
  private static final int IN_LIST = 500;

  private final FrequencyCapConfiguration config;
  private final Map<String, TopicFrequencyCap> byTopic = new HashMap<>();

  public FrequencyCap(FrequencyCapConfiguration config, List<TopicFrequencyCap> topics) {
    this.config = config;
    for (TopicFrequencyCap t : topics) {
      byTopic.put(t.getTopic(), t);
    }
  }

  /**
   * Why each of {@code recipients} (of campaign {@code campaignId} about {@code topic}) is over the
   * cap at {@code now}: recipient id to reason; those under the cap are absent.
   */
  public Map<Long, String> over(
      Connection c, long campaignId, String topic, List<ClaimedRecipient> recipients, long now)
      throws SQLException {
    int max = config.getMaxMessages();
    Duration period = config.getPeriod();
    TopicFrequencyCap own = topic == null ? null : byTopic.get(topic);
    if (own != null) {
      max = own.getMaxMessages();
      period = own.getPeriod();
    }
    List<ClaimedRecipient> checked = new ArrayList<>();
    for (ClaimedRecipient r : recipients) {
      if (max > 0 || chosen(r.frequency()) != null) {
        checked.add(r);
      }
    }
    if (checked.isEmpty()) {
      return Map.of();
    }
    long window = Math.max(max > 0 ? period.toMillis() : 0, MONTH.toMillis());
    Map<Long, List<Long>> contacts = contacts(c, campaignId, checked, now - window);
    Map<Long, String> over = new HashMap<>();
    for (ClaimedRecipient r : checked) {
      List<Long> times = contacts.getOrDefault(r.customerId(), List.of());
      Duration personal = chosen(r.frequency());
      if (personal != null && count(times, now - personal.toMillis()) >= 1) {
        over.put(
            r.id(),
            "chose "
                + r.frequency()
                + " e-mail: one was sent in the last "
                + days(personal)
                + " (frequency cap)");
      } else if (max > 0) {
        long n = count(times, now - period.toMillis());
        if (n >= max) {
          over.put(
              r.id(),
              "frequency cap: "
                  + n
                  + " marketing e-mail(s) in the last "
                  + days(period)
                  + ", at most "
                  + max
                  + (own != null ? " for the topic '" + topic + "'" : ""));
        }
      }
    }
    return over;
  }

  /** The window of the frequency a person chose, or null for none (any frequency). */
  static Duration chosen(String frequency) {
    if ("weekly".equals(frequency)) {
      return WEEK;
    }
    if ("monthly".equals(frequency)) {
      return MONTH;
    }
    return null;
  }

  /** When each of the customers of {@code recipients} got (or may be getting) a message since. */
  private static Map<Long, List<Long>> contacts(
      Connection c, long campaignId, List<ClaimedRecipient> recipients, long since)
      throws SQLException {
    Map<Long, List<Long>> out = new HashMap<>();
    for (int from = 0; from < recipients.size(); from += IN_LIST) {
      List<ClaimedRecipient> part =
          recipients.subList(from, Math.min(recipients.size(), from + IN_LIST));
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT customer_id, COALESCE(sent_at, claimed_at) FROM campaign_recipients"
                  + " WHERE customer_id IN ("
                  + "?, ".repeat(part.size() - 1)
                  + "?) AND (sent_at > ? OR (state IN ('claimed', 'ambiguous')"
                  + " AND claimed_at > ? AND campaign_id <> ?))")) {
        int i = 1;
        for (ClaimedRecipient r : part) {
          ps.setLong(i++, r.customerId());
        }
        ps.setLong(i++, since);
        ps.setLong(i++, since);
        ps.setLong(i, campaignId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
          }
        }
      }
    }
    return out;
  }

  private static long count(List<Long> times, long since) {
    return times.stream().filter(t -> t > since).count();
  }

  private static String days(Duration d) {
    long days = d.toDays();
    if (d.equals(Duration.ofDays(days))) {
      return days == 1 ? "day" : days + " days";
    }
    long hours = d.toHours();
    return d.equals(Duration.ofHours(hours)) ? hours + " hours" : d.toString();
  }
}
