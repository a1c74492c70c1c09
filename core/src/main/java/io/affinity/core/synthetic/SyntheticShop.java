package io.affinity.core.synthetic;

import io.affinity.core.customer.CustomerInput;
import io.affinity.core.event.EventInput;
import io.affinity.core.household.HouseholdInput;
import io.affinity.core.product.ProductInput;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A generated shop: its catalogue, households, customers and events, with the structure planted in
 * them. Deterministic: the same {@link ShopSpec} gives the same shop.
 *
 * <p>The catalogue and the household layout are built up front (a few bytes per customer, one
 * object per product); customers, households and events are generated as they are iterated, so a
 * shop of millions of customers and tens of millions of events can be streamed into a database.
 * Every iterator starts from the beginning and gives the same items.
 */
public final class SyntheticShop {
  private final ShopSpec spec;
  private final Catalogue catalogue;
  private final HouseholdLayout layout;
  private final TasteClusters clusters;
  private final Profiles profiles;
  private final PlantedStructure planted;

  private SyntheticShop(ShopSpec spec) {
    this.spec = spec;
    this.catalogue = new Catalogue(spec);
    this.layout = new HouseholdLayout(spec);
    this.clusters = new TasteClusters(spec, layout);
    this.profiles = new Profiles(spec, layout);
    this.planted = new PlantedStructure(spec, catalogue, layout, clusters, profiles);
  }

  /** The shop {@code spec} describes. */
  public static SyntheticShop generate(ShopSpec spec) {
    return new SyntheticShop(Objects.requireNonNull(spec, "spec"));
  }

  public ShopSpec spec() {
    return spec;
  }

  /** What was planted, for tests and evaluations to check against. */
  public PlantedStructure planted() {
    return planted;
  }

  /** The products, in catalogue order. */
  public List<ProductInput> products() {
    return catalogue.products().stream().map(SyntheticProduct::toInput).toList();
  }

  /** How many shared households there are. */
  public int householdCount() {
    return layout.households();
  }

  /** The shared households, in order. */
  public Iterator<HouseholdInput> households() {
    return new Indexed<>(layout.households(), profiles::household);
  }

  /** The customers, in order; members of a household are consecutive. */
  public Iterator<CustomerInput> customers() {
    return new Indexed<>(spec.customers(), profiles::customer);
  }

  /** Exactly {@link ShopSpec#events()} events, customer after customer, each oldest first. */
  public Iterator<EventInput> events() {
    return new EventStream(this);
  }

  Catalogue catalogue() {
    return catalogue;
  }

  TasteClusters clusters() {
    return clusters;
  }

  Profiles profiles() {
    return profiles;
  }

  /** Items 0 to n-1, each made when it is reached. */
  private static final class Indexed<T> implements Iterator<T> {
    private final int count;
    private final IntFunction<T> make;
    private int next;

    Indexed(int count, IntFunction<T> make) {
      this.count = count;
      this.make = make;
    }

    @Override
    public boolean hasNext() {
      return next < count;
    }

    @Override
    public T next() {
      if (next >= count) {
        throw new NoSuchElementException();
      }
      return make.apply(next++);
    }
  }
}
