package io.affinity.campaigns.lift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Distinct orders per buyer, whatever the order in which their lines arrive. */
class BuyerTotalsTest {
  private static final long WINDOW = 1_000L;

  @Test
  void ordersAreCountedOncePerDistinctIdInAnyLineOrder() {
    // buyer 0: o1, o1, o2, o3, o2, o1, o3 and a line without an order id -> 4 orders
    // buyer 1: p1, p2, p1, p2 -> 2 orders; buyer 2: one line of q1 -> 1 order
    BuyerTotals totals = new BuyerTotals(WINDOW, 0, 3, 3);
    int b0 = totals.open(0, 0, 0);
    for (String order : new String[] {"o1", "o1", "o2", "o3", "o2", "o1", "o3", null}) {
      totals.add(b0, 10, 100, key(order));
    }
    int b1 = totals.open(1, 0, 0);
    int b2 = totals.open(2, 0, 0);
    totals.add(b1, 10, 100, key("p1"));
    totals.add(b2, 10, 100, key("q1"));
    totals.add(b1, 10, 100, key("p2"));
    totals.add(b1, 10, 100, key("p1"));
    totals.add(b1, 10, 100, key("p2"));

    ArmSums sums = new ArmSums();
    Map<String, long[]> byDay = new HashMap<>();
    totals.sumInto(List.of(sums), List.of("A"), byDay, 1);

    assertThat(sums.orders).isEqualTo(4 + 2 + 1);
    assertThat(sums.conversions).isEqualTo(3);
    assertThat(sums.revenue).isEqualTo(8 + 4 + 1);
  }

  private static long key(String orderId) {
    return orderId == null
        ? PurchaseRows.NO_ORDER
        : PurchaseRows.orderKey(orderId.getBytes(StandardCharsets.UTF_8));
  }
}
