package io.affinity.campaigns.lift;

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

  /** Each arm summed over all groups, by arm name. */
  public Map<String, ArmSummary> byArm() {
    Map<String, ArmSummary> arms = new TreeMap<>();
    for (Map<String, ArmSummary> group : byGroup.values()) {
      group.forEach((arm, s) -> arms.merge(arm, s, ArmSummary::plus));
    }
    return arms;
  }
}
