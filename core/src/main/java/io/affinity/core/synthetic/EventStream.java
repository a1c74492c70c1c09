package io.affinity.core.synthetic;

import io.affinity.core.event.EventInput;
import io.affinity.core.event.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The events of the shop, customer after customer, each customer's oldest first. Holds one
 * customer's history at a time, so any number of events can be streamed.
 *
 * <p>Customers differ in how active they are (log-normal weights: many light customers, a few heavy
 * ones); customer {@code i} gets the events between the rounded cumulative shares of the weights
 * before and after it, so the total is exactly {@link ShopSpec#events()}. Event {@code n} (from 0,
 * in stream order) has id {@code <idPrefix>e<n>}.
 */
final class EventStream implements Iterator<EventInput> {
  /** The source of every synthetic event. */
  static final String SOURCE = "synthetic";

  private static final double ACTIVITY_SPREAD = 1.0;

  private final SyntheticShop shop;
  private final long total;
  private final double totalWeight;
  private final String[] productIds;
  private int nextCustomer;
  private double cumulative;
  private long assigned;
  private long sequence;
  private List<EventInput> buffer = List.of();
  private int position;

  EventStream(SyntheticShop shop) {
    this.shop = shop;
    this.total = shop.spec().events();
    double sum = 0;
    for (int c = 0; c < shop.spec().customers(); c++) {
      sum += weight(c);
    }
    this.totalWeight = sum;
    List<SyntheticProduct> products = shop.catalogue().products();
    productIds = new String[products.size()];
    for (int p = 0; p < productIds.length; p++) {
      productIds[p] = products.get(p).id();
    }
  }

  @Override
  public boolean hasNext() {
    while (position == buffer.size()) {
      if (nextCustomer == shop.spec().customers()) {
        return false;
      }
      fill(nextCustomer++);
    }
    return true;
  }

  @Override
  public EventInput next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffer.get(position++);
  }

  private void fill(int customer) {
    cumulative += weight(customer);
    long upTo =
        customer == shop.spec().customers() - 1
            ? total
            : Math.min(total, Math.round(total * (cumulative / totalWeight)));
    long budget = upTo - assigned;
    assigned = upTo;
    List<CustomerHistory.Draft> drafts = new CustomerHistory(shop, customer).generate(budget);
    String customerId = shop.profiles().customerId(customer);
    String prefix = shop.spec().idPrefix() + "e";
    List<EventInput> events = new ArrayList<>(drafts.size());
    for (CustomerHistory.Draft d : drafts) {
      boolean sale = d.type() == EventType.PURCHASE || d.type() == EventType.RETURN;
      events.add(
          new EventInput(
              prefix + sequence++,
              d.type().wireName(),
              customerId,
              productIds[d.product()],
              d.orderId(),
              d.type() == EventType.VIEW ? null : d.quantity(),
              sale ? shop.catalogue().product(d.product()).price() : null,
              Instant.ofEpochMilli(d.time()),
              null,
              SOURCE));
    }
    buffer = events;
    position = 0;
  }

  private double weight(int customer) {
    return Math.exp(
        ACTIVITY_SPREAD * Seeds.rng(shop.spec().seed(), Seeds.ACTIVITY, customer).nextGaussian());
  }
}
