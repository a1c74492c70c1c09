package io.affinity.campaigns.lift;

import it.unimi.dsi.fastutil.objects.ObjectOpenHashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Per-recipient totals of the purchases streamed by {@link CampaignAttribution}, in primitive
 * arrays indexed by a slot per buyer, then summed per cell (group and arm). Purchases arrive in
 * time order, not per recipient, hence the slot per recipient.
 *
 * <p>Money is in cents (exact: {@code unit_price} is DECIMAL(12, 2)); orders are distinct order ids
 * (by their keys, see {@link PurchaseRows#orderKey}) within the window plus purchases without one.
 */
final class BuyerTotals {
  static final long NONE = Long.MAX_VALUE;
  private static final long DAY = 86_400_000L;

  private final long window;
  private final long pre;
  // The slot of each recipient (by recipient index), -1 before their first counted purchase: an
  // array read per purchase line where a hash map from customer ids missed the caches.
  private final int[] slots;
  // Second and later distinct order ids per buyer, without a node per entry as a HashSet has.
  private final ObjectOpenHashSet<Order> orderIds = new ObjectOpenHashSet<>();
  private int size;
  private int[] cell;
  private long[] anchor;
  private long[] revenue;
  private long[] spent;
  private long[] firstAt;
  private int[] orders;
  private long[] firstOrder;
  private long[] lastOrder;

  private record Order(int slot, long key) {}

  /**
   * Totals for {@code recipients} recipients, with room for {@code buyers} buyers before growing:
   * arrays sized once rather than doubled (large arrays doubled are a chain of humongous
   * allocations for the G1 collector, see RecipientChunks).
   */
  BuyerTotals(long window, long pre, int recipients, int buyers) {
    this.window = window;
    this.pre = pre;
    slots = new int[recipients];
    Arrays.fill(slots, -1);
    int n = Math.max(16, buyers);
    cell = new int[n];
    anchor = new long[n];
    revenue = new long[n];
    spent = new long[n];
    firstAt = new long[n];
    orders = new int[n];
    firstOrder = new long[n];
    lastOrder = new long[n];
  }

  /**
   * Whether a purchase at {@code at} falls in the window or pre-period anchored at {@code from}.
   */
  boolean counts(long from, long at) {
    return at >= from - pre && at < from + window;
  }

  /** The slot of recipient {@code i}, or -1 before their first counted purchase. */
  int slot(int i) {
    return slots[i];
  }

  /** A new slot for recipient {@code i}, whose window starts at {@code from}. */
  int open(int i, int cellIndex, long from) {
    if (size == cell.length) {
      int n = size * 2;
      cell = Arrays.copyOf(cell, n);
      anchor = Arrays.copyOf(anchor, n);
      revenue = Arrays.copyOf(revenue, n);
      spent = Arrays.copyOf(spent, n);
      firstAt = Arrays.copyOf(firstAt, n);
      orders = Arrays.copyOf(orders, n);
      firstOrder = Arrays.copyOf(firstOrder, n);
      lastOrder = Arrays.copyOf(lastOrder, n);
    }
    int slot = size++;
    cell[slot] = cellIndex;
    anchor[slot] = from;
    firstAt[slot] = NONE;
    slots[i] = slot;
    return slot;
  }

  /**
   * A purchase of {@code cents} (0 without an amount) that {@link #counts} accepted, of the order
   * with key {@code order} ({@link PurchaseRows#NO_ORDER} for none: an order of its own).
   */
  void add(int slot, long at, long cents, long order) {
    if (at < anchor[slot]) {
      spent[slot] = Math.addExact(spent[slot], cents);
      return;
    }
    revenue[slot] = Math.addExact(revenue[slot], cents);
    firstAt[slot] = Math.min(firstAt[slot], at);
    if (order == PurchaseRows.NO_ORDER) {
      orders[slot]++;
    } else if (firstOrder[slot] == PurchaseRows.NO_ORDER) {
      firstOrder[slot] = order;
      lastOrder[slot] = order;
      orders[slot]++;
    } else if (order != lastOrder[slot] && order != firstOrder[slot]) {
      // Most buyers have one order, and an order's lines come one after another (the index is
      // in time order): the set only sees a buyer's later orders, once per run of their lines.
      lastOrder[slot] = order;
      if (orderIds.add(new Order(slot, order))) {
        orders[slot]++;
      }
    }
  }

  /**
   * Adds the buyers to their cells' sums (revenue sums rounded once from the exact totals), and
   * their first purchase days to {@code byDay} per arm.
   */
  void sumInto(List<ArmSums> cells, List<String> arms, Map<String, long[]> byDay, int days) {
    ExactSum[][] exact = new ExactSum[cells.size()][];
    for (int slot = 0; slot < size; slot++) {
      int c = cell[slot];
      ExactSum[] e = exact[c];
      if (e == null) {
        e =
            new ExactSum[] {
              new ExactSum(), new ExactSum(), new ExactSum(), new ExactSum(), new ExactSum()
            };
        exact[c] = e;
      }
      long y = revenue[slot];
      long x = spent[slot];
      e[0].add(y);
      e[1].addProduct(y, y);
      e[2].add(x);
      e[3].addProduct(x, x);
      e[4].addProduct(x, y);
      ArmSums s = cells.get(c);
      s.orders += orders[slot];
      long[] perDay = byDay.computeIfAbsent(arms.get(c), a -> new long[Math.max(1, days)]);
      if (firstAt[slot] != NONE) {
        s.conversions++;
        long day = (firstAt[slot] - anchor[slot]) / DAY;
        if (day < perDay.length) {
          perDay[(int) day]++;
        }
      }
    }
    for (int c = 0; c < exact.length; c++) {
      if (exact[c] != null) {
        ArmSums s = cells.get(c);
        s.revenue += exact[c][0].toDouble(2);
        s.revenueSq += exact[c][1].toDouble(4);
        s.pre += exact[c][2].toDouble(2);
        s.preSq += exact[c][3].toDouble(4);
        s.preRevenue += exact[c][4].toDouble(4);
      }
    }
  }
}
