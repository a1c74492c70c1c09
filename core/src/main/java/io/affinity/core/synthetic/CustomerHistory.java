package io.affinity.core.synthetic;

import io.affinity.core.event.EventType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Simulates what one customer did over the history, in sessions at random times, planting the
 * shop's structure:
 *
 * <ul>
 *   <li><b>taste clusters</b>: a customer picks one of their cluster's favoured categories most of
 *       the time;
 *   <li><b>complementary pairs</b>: who buys in a category with a complement usually also buys in
 *       the complement, mostly in the same order, otherwise within a week;
 *   <li><b>upsell</b>: who views a standard item usually also views the premium item of the same
 *       line, and often buys that instead;
 *   <li><b>repeat purchases</b>: who buys a consumable usually buys it again every cycle (give or
 *       take 10%) until the history ends.
 * </ul>
 *
 * <p>A purchase in a shopping session comes after a view and an add-to-cart of the same product; a
 * repeat purchase of a consumable sometimes after a view only. A few purchases are returned some
 * days later. Exactly {@code budget} events are made: sessions are added until there are enough,
 * and the last one is cut short.
 */
final class CustomerHistory {
  // A third of sessions are browsing only: views feed the view -> purchase indicators.
  private static final double BROWSE_ONLY = 0.3;
  private static final double SECOND_ITEM = 0.25;
  // How strongly a customer keeps to their cluster: strong enough to find, not a wall.
  private static final double CLUSTER_LOYALTY = 0.75;
  private static final double EXTRA_VIEW = 0.3;
  private static final double UPSELL_VIEW = 0.7;
  private static final double UPSELL_BUY = 0.35;
  private static final double COMPLEMENT = 0.6;
  private static final double COMPLEMENT_SAME_ORDER = 0.75;
  private static final double RETURN = 0.03;
  private static final double SUBSCRIBE = 0.8;
  private static final double CYCLE_JITTER = 0.1;
  private static final double VIEW_BEFORE_REPEAT = 0.3;
  // Who prefers which tier: thrifty, mainstream, premium customers (budget, standard, premium).
  private static final double[][] TIER_TASTE = {
    {0.6, 0.35, 0.05}, {0.2, 0.6, 0.2}, {0.05, 0.45, 0.5}
  };

  private static final long SECOND = 1000;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  /** An event before it gets its id; {@code product} is the catalogue index. */
  record Draft(long time, EventType type, int product, String orderId, int quantity) {}

  private final SyntheticShop shop;
  private final Catalogue catalogue;
  private final int customer;
  private final SplittableRandom rng;
  private final int[] favoured;
  private final double[] tierTaste;
  private final long start;
  private final long end;
  private final List<Draft> drafts = new ArrayList<>();
  private final Set<Integer> subscribed = new HashSet<>();
  private int orders;

  CustomerHistory(SyntheticShop shop, int customer) {
    this.shop = shop;
    this.catalogue = shop.catalogue();
    this.customer = customer;
    this.rng = Seeds.rng(shop.spec().seed(), Seeds.HISTORY, customer);
    this.favoured = shop.clusters().favoured(shop.clusters().clusterOf(customer));
    this.tierTaste = TIER_TASTE[rng.nextInt(TIER_TASTE.length)];
    this.start = shop.spec().start().toEpochMilli();
    this.end = shop.spec().end().toEpochMilli();
  }

  /** Exactly {@code budget} events of the customer, oldest first. */
  List<Draft> generate(long budget) {
    while (drafts.size() < budget) {
      // Sessions start at least two hours before the end, so that a session fits.
      long t = start + rng.nextLong(Math.max(1, end - start - 2 * HOUR));
      if (rng.nextDouble() < BROWSE_ONLY) {
        browse(t);
      } else {
        shop(t);
      }
    }
    List<Draft> kept = drafts.subList(0, (int) budget);
    List<Draft> history = new ArrayList<>(kept);
    history.sort(Comparator.comparingLong(Draft::time)); // stable: a session keeps its order
    return history;
  }

  private void browse(long t) {
    int category = pickCategory();
    int views = 1 + rng.nextInt(3);
    for (int v = 0; v < views; v++) {
      t = viewWithUpsell(t, pickProduct(category));
    }
  }

  private void shop(long t) {
    List<Integer> cart = new ArrayList<>();
    List<Integer> later = new ArrayList<>();
    int items = rng.nextDouble() < SECOND_ITEM ? 2 : 1;
    for (int a = 0; a < items; a++) {
      int category = pickCategory();
      if (rng.nextDouble() < EXTRA_VIEW) {
        t = viewWithUpsell(t, pickProduct(category));
      }
      int product = pickProduct(category);
      long before = drafts.size();
      t = viewWithUpsell(t, product);
      // The premium was viewed too: the customer often takes it instead.
      if (drafts.size() - before == 2 && rng.nextDouble() < UPSELL_BUY) {
        product = premiumOf(product);
      }
      t = add(t, EventType.ADD_TO_CART, product, null, 1);
      cart.add(product);
      int complement = catalogue.complementOf(category);
      if (complement >= 0 && rng.nextDouble() < COMPLEMENT) {
        int extra = pickProduct(complement);
        if (rng.nextDouble() < COMPLEMENT_SAME_ORDER) {
          t = view(t, extra);
          t = add(t, EventType.ADD_TO_CART, extra, null, 1);
          cart.add(extra);
        } else {
          later.add(extra);
        }
      }
    }
    buy(t, cart);
    for (int extra : later) {
      long when = t + DAY + rng.nextLong(6 * DAY);
      if (when < end - HOUR) {
        long s = view(when, extra);
        s = add(s, EventType.ADD_TO_CART, extra, null, 1);
        buy(s, List.of(extra));
      }
    }
  }

  /** One order of {@code products} at {@code t}, with returns and repeat purchases it leads to. */
  private void buy(long t, List<Integer> products) {
    String order = orderId();
    for (int product : products) {
      SyntheticProduct p = catalogue.product(product);
      int quantity = quantity(p);
      add(t, EventType.PURCHASE, product, order, quantity);
      if (rng.nextDouble() < RETURN) {
        long when = t + 2 * DAY + rng.nextLong(18 * DAY);
        if (when < end) {
          add(when, EventType.RETURN, product, order, 1 + rng.nextInt(quantity));
        }
      }
      if (p.consumable() && subscribed.add(product) && rng.nextDouble() < SUBSCRIBE) {
        repeat(t, p, quantity);
      }
    }
  }

  /** Buys consumable {@code p} again every cycle until the history ends. */
  private void repeat(long t, SyntheticProduct p, int quantity) {
    long cycle = p.cycleDays() * DAY;
    long next = t + Math.round(cycle * (1 + CYCLE_JITTER * (2 * rng.nextDouble() - 1)));
    while (next < end - HOUR) {
      long s = next;
      if (rng.nextDouble() < VIEW_BEFORE_REPEAT) {
        s = view(s, p.index());
      }
      add(s, EventType.PURCHASE, p.index(), orderId(), quantity);
      next += Math.round(cycle * (1 + CYCLE_JITTER * (2 * rng.nextDouble() - 1)));
    }
  }

  private int pickCategory() {
    if (rng.nextDouble() < CLUSTER_LOYALTY) {
      return favoured[rng.nextInt(favoured.length)];
    }
    return rng.nextInt(catalogue.categories());
  }

  /** A product of {@code category}: popular lines more often, in the customer's favourite tier. */
  private int pickProduct(int category) {
    int[] lines = catalogue.linesOf(category);
    double u = rng.nextDouble();
    int line = lines[(int) (lines.length * u * u)];
    double v = rng.nextDouble();
    Tier tier =
        v < tierTaste[0]
            ? Tier.BUDGET
            : v < tierTaste[0] + tierTaste[1] ? Tier.STANDARD : Tier.PREMIUM;
    int product = catalogue.productOf(line, tier);
    return product >= 0 ? product : catalogue.productOf(line, Tier.BUDGET);
  }

  /** Views {@code product} and, if it is a standard item, likely the premium item of its line. */
  private long viewWithUpsell(long t, int product) {
    t = view(t, product);
    int premium = premiumOf(product);
    if (premium >= 0 && rng.nextDouble() < UPSELL_VIEW) {
      t = view(t, premium);
    }
    return t;
  }

  /** The premium product of the line of {@code product} if that is a standard one, else -1. */
  private int premiumOf(int product) {
    SyntheticProduct p = catalogue.product(product);
    return p.tier() == Tier.STANDARD ? catalogue.productOf(p.line(), Tier.PREMIUM) : -1;
  }

  private int quantity(SyntheticProduct p) {
    if (p.consumable()) {
      return 1 + rng.nextInt(2);
    }
    return rng.nextDouble() < 0.8 ? 1 : 2 + rng.nextInt(2);
  }

  private long view(long t, int product) {
    return add(t, EventType.VIEW, product, null, 0);
  }

  /** Records an event at {@code t}; returns when the customer's next action happens. */
  private long add(long t, EventType type, int product, String order, int quantity) {
    drafts.add(new Draft(t, type, product, order, quantity));
    return t + 20 * SECOND + rng.nextLong(3 * MINUTE);
  }

  private String orderId() {
    return shop.spec().idPrefix() + "o" + customer + "-" + orders++;
  }
}
