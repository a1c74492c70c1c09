package io.affinity.campaigns.lift;

import java.util.Comparator;
import java.util.LinkedHashMap;
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
    return new Attribution(groups, days, itemsTogether(topItems, other.topItems));
  }

  /**
   * Two lists of clicked items as one: an item's figures added across both (its clickers are
   * distinct recipients, since a customer is a recipient of one window campaign at a time), most
   * clicked first, ties by product id as {@link ClickedItems} orders them.
   */
  private static List<ItemClicks> itemsTogether(List<ItemClicks> a, List<ItemClicks> b) {
    Map<String, ItemClicks> byItem = new LinkedHashMap<>();
    for (List<ItemClicks> side : List.of(a, b)) {
      for (ItemClicks i : side) {
        byItem.merge(
            String.valueOf(i.productId()),
            i,
            (x, y) ->
                new ItemClicks(
                    x.productId(),
                    x.name(),
                    x.clicks() + y.clicks(),
                    x.clickers() + y.clickers(),
                    x.buyers() + y.buyers(),
                    x.revenue() + y.revenue()));
      }
    }
    return byItem.values().stream()
        .sorted(
            Comparator.comparingLong(ItemClicks::clicks)
                .reversed()
                .thenComparing(
                    ItemClicks::productId, Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
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
