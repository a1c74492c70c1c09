package io.affinity.campaigns.lift;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A campaign's recipients summed per group and arm, plus when each arm's converters first bought.
 *
 * @param byGroup arm summaries per group ({@code all} unless split by RFM segment), then per arm
 * @param firstPurchasesByDay per arm, how many recipients first bought on day 0, 1, ... of their
 *     window
 */
public record Attribution(
    Map<String, Map<String, ArmSummary>> byGroup, Map<String, long[]> firstPurchasesByDay) {

  /** The group name when the report is not split by segment. */
  public static final String ALL = "all";

  /**
   * This and {@code other} added up, group by group and arm by arm: the attribution of two
   * campaigns' recipients taken together (every sum is over recipients, so sums add).
   */
  public Attribution plus(Attribution other) {
    Map<String, Map<String, ArmSummary>> groups = new TreeMap<>();
    for (Map<String, Map<String, ArmSummary>> side : List.of(byGroup, other.byGroup)) {
      side.forEach(
          (group, arms) ->
              arms.forEach(
                  (arm, s) ->
                      groups
                          .computeIfAbsent(group, g -> new TreeMap<>())
                          .merge(arm, s, ArmSummary::plus)));
    }
    Map<String, long[]> days = new TreeMap<>();
    for (Map<String, long[]> side : List.of(firstPurchasesByDay, other.firstPurchasesByDay)) {
      side.forEach(
          (arm, perDay) ->
              days.merge(
                  arm,
                  perDay.clone(),
                  (a, b) -> {
                    long[] sum = a.length >= b.length ? a.clone() : b.clone();
                    long[] shorter = a.length >= b.length ? b : a;
                    for (int d = 0; d < shorter.length; d++) {
                      sum[d] += shorter[d];
                    }
                    return sum;
                  }));
    }
    return new Attribution(groups, days);
  }

  /** Each arm summed over all groups, by arm name. */
  public Map<String, ArmSummary> byArm() {
    Map<String, ArmSummary> arms = new TreeMap<>();
    for (Map<String, ArmSummary> group : byGroup.values()) {
      group.forEach((arm, s) -> arms.merge(arm, s, ArmSummary::plus));
    }
    return arms;
  }
}
