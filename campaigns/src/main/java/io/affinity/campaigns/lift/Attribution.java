package io.affinity.campaigns.lift;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A campaign's recipients summed per group and arm, when each arm's converters first bought, and
 * its most clicked items.
 *
 * @param byGroup arm summaries per group ({@code all} unless split by RFM segment), then per arm
 * @param firstPurchasesByDay per arm, how many recipients first bought on day 0, 1, ... of their
 *     window
 * @param topItems the most clicked items, most clicked first
 */
public record Attribution(
    Map<String, Map<String, ArmSummary>> byGroup,
    Map<String, long[]> firstPurchasesByDay,
    List<ItemClicks> topItems) {

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
