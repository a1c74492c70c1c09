package io.affinity.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.affinity.core.customer.CustomerInput;
import io.affinity.core.event.EventInput;
import io.affinity.core.event.EventValidator;
import io.affinity.core.household.HouseholdInput;
import io.affinity.core.product.ProductInput;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticShopTest {
  private static final ShopSpec SMALL = ShopSpec.of(300, 100, 20_000, 7);

  private static <T> List<T> all(Iterator<T> it) {
    List<T> list = new ArrayList<>();
    it.forEachRemaining(list::add);
    return list;
  }

  @Test
  void theSameSpecGivesTheSameShopToTheLastEvent() {
    SyntheticShop a = SyntheticShop.generate(SMALL);
    SyntheticShop b = SyntheticShop.generate(ShopSpec.of(300, 100, 20_000, 7));

    assertThat(b.products()).isEqualTo(a.products());
    assertThat(all(b.households())).isEqualTo(all(a.households()));
    assertThat(all(b.customers())).isEqualTo(all(a.customers()));
    assertThat(all(b.events())).isEqualTo(all(a.events()));
    // A shop's iterators start again from the beginning.
    assertThat(all(a.events())).isEqualTo(all(b.events()));
  }

  @Test
  void anotherSeedGivesAnotherShop() {
    SyntheticShop a = SyntheticShop.generate(SMALL);
    SyntheticShop b = SyntheticShop.generate(ShopSpec.of(300, 100, 20_000, 8));

    assertThat(b.products().get(0).price()).isNotEqualTo(a.products().get(0).price());
    assertThat(all(b.events()).subList(0, 100)).isNotEqualTo(all(a.events()).subList(0, 100));
  }

  @Test
  void moreEventsLeaveCustomersAndProductsAsTheyWere() {
    SyntheticShop a = SyntheticShop.generate(SMALL);
    SyntheticShop b = SyntheticShop.generate(ShopSpec.of(300, 100, 50_000, 7));

    assertThat(b.products()).isEqualTo(a.products());
    assertThat(all(b.customers())).isEqualTo(all(a.customers()));
  }

  @Test
  void givesExactlyTheEventsAskedForAndEveryOneIsValid() {
    SyntheticShop shop = SyntheticShop.generate(SMALL);
    Set<String> customers =
        all(shop.customers()).stream().map(CustomerInput::id).collect(Collectors.toSet());
    Set<String> products =
        shop.products().stream().map(ProductInput::id).collect(Collectors.toSet());
    Instant now = Instant.now();
    Set<String> ids = new HashSet<>();
    Map<String, Long> byType = new HashMap<>();

    for (var it = Chunks.of(shop.events(), EventValidator.MAX_BATCH); it.hasNext(); ) {
      List<EventInput> batch = it.next();
      assertThat(EventValidator.validate(batch, now)).isEmpty();
      for (EventInput e : batch) {
        ids.add(e.eventId());
        byType.merge(e.type(), 1L, Long::sum);
        assertThat(e.eventId()).startsWith("syn-7-e");
        assertThat(customers).contains(e.customerId());
        assertThat(products).contains(e.productId());
        assertThat(e.time()).isBetween(SMALL.start(), SMALL.end().minusMillis(1));
      }
    }

    assertThat(ids).hasSize(20_000);
    assertThat(byType).containsOnlyKeys("view", "add_to_cart", "purchase", "return");
    assertThat(byType.get("purchase")).isBetween(2_000L, 10_000L);
    assertThat(byType.get("return")).isBetween(20L, 1_000L);
  }

  @Test
  void aShopWithNoEventsHasNone() {
    assertThat(SyntheticShop.generate(ShopSpec.of(10, 9, 0, 1)).events().hasNext()).isFalse();
  }

  @Test
  void eachCustomersEventsAreInTimeOrderAndPurchasesFollowAViewOfTheProduct() {
    SyntheticShop shop = SyntheticShop.generate(SMALL);
    Map<String, Instant> last = new HashMap<>();
    Map<String, Set<String>> viewed = new HashMap<>();
    long purchases = 0;
    long afterView = 0;
    for (EventInput e : all(shop.events())) {
      Instant previous = last.put(e.customerId(), e.time());
      assertThat(previous == null || !e.time().isBefore(previous)).isTrue();
      Set<String> seen = viewed.computeIfAbsent(e.customerId(), k -> new HashSet<>());
      if (e.type().equals("view")) {
        seen.add(e.productId());
      } else if (e.type().equals("purchase")) {
        purchases++;
        afterView += seen.contains(e.productId()) ? 1 : 0;
      }
    }
    // All but repeat purchases of consumables (only some after a view) and budget cut-offs.
    assertThat((double) afterView / purchases).isGreaterThan(0.8);
  }

  @Test
  void productsHaveACategoryTreeTiersAndKnownMargins() {
    SyntheticShop shop = SyntheticShop.generate(ShopSpec.of(10, 600, 0, 3));
    List<SyntheticProduct> products = shop.planted().products();

    assertThat(products).hasSize(600);
    assertThat(products).allSatisfy(p -> assertThat(p.categoryPath()).matches("[^/]+/[^/]+"));
    assertThat(products.stream().map(SyntheticProduct::categoryPath).distinct()).hasSize(100);
    assertThat(products).allSatisfy(p -> assertThat(p.cost()).isLessThan(p.price()));
    assertThat(products).allSatisfy(p -> assertThat(p.brand()).isNotBlank());
    long outOfStock = products.stream().filter(p -> !p.inStock()).count();
    assertThat(outOfStock).isBetween(5L, 70L);
    for (SyntheticProduct p : products) {
      if (p.tier() == Tier.STANDARD) {
        BigDecimal standard = p.price();
        BigDecimal premium = shop.planted().inLine(p.line(), Tier.PREMIUM).orElseThrow().price();
        BigDecimal budget = shop.planted().inLine(p.line(), Tier.BUDGET).orElseThrow().price();
        double up = premium.doubleValue() / standard.doubleValue();
        double down = budget.doubleValue() / standard.doubleValue();
        assertThat(up).as("premium / standard of line %d", p.line()).isBetween(1.29, 2.01);
        assertThat(down).as("budget / standard of line %d", p.line()).isBetween(0.49, 0.76);
        assertThat(shop.planted().inLine(p.line(), Tier.PREMIUM).orElseThrow().categoryPath())
            .isEqualTo(p.categoryPath());
      }
    }
  }

  @Test
  void aboutHalfTheCustomersShareAHouseholdWithItsSurnameAndAddress() {
    SyntheticShop shop = SyntheticShop.generate(ShopSpec.of(3_000, 30, 0, 11));
    Map<String, HouseholdInput> households =
        all(shop.households()).stream().collect(Collectors.toMap(HouseholdInput::id, h -> h));
    Map<String, List<CustomerInput>> members =
        all(shop.customers()).stream()
            .filter(c -> c.householdId() != null)
            .collect(Collectors.groupingBy(CustomerInput::householdId));

    assertThat(members.keySet()).isEqualTo(households.keySet());
    int inHouseholds = members.values().stream().mapToInt(List::size).sum();
    assertThat(inHouseholds / 3_000.0).isBetween(0.42, 0.58);
    members.forEach(
        (id, people) -> {
          HouseholdInput h = households.get(id);
          assertThat(people.size()).isBetween(2, 4);
          assertThat(people)
              .allSatisfy(
                  c -> {
                    assertThat(h.name()).isEqualTo("The " + surname(c) + " household");
                    assertThat(c.address()).isEqualTo(h.address());
                    assertThat(c.postcode()).isEqualTo(h.postcode());
                    assertThat(c.country()).isEqualTo(h.country());
                    assertThat(shop.planted().householdOf(c.id())).isEqualTo(id);
                  });
          assertThat(people.stream().map(c -> shop.planted().clusterOf(c.id())).distinct())
              .hasSize(1);
        });
    List<CustomerInput> customers = all(shop.customers());
    double consent = customers.stream().filter(CustomerInput::emailConsent).count() / 3_000.0;
    assertThat(consent).isBetween(0.8, 0.9);
    assertThat(customers.stream().map(CustomerInput::email).distinct()).hasSize(3_000);
    assertThat(customers)
        .allSatisfy(
            c -> {
              assertThat(c.email()).endsWith("@example.com");
              assertThat(c.preferredChannel()).matches(io.affinity.core.customer.Channel.PATTERN);
              assertThat(c.country()).isNotBlank();
            });
  }

  private static String surname(CustomerInput c) {
    return c.name().substring(c.name().indexOf(' ') + 1);
  }

  @Test
  void impossibleSpecsAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> ShopSpec.of(-1, 100, 10, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("customers")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> ShopSpec.of(10, 2, 10, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("products");
    assertThatThrownBy(() -> ShopSpec.of(10, 100, -5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("events must be at least 0, got -5");
    assertThatThrownBy(() -> ShopSpec.of(10, 100, 10, 1).withComplementaryPairs(9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("complementaryPairs");
    assertThatThrownBy(() -> ShopSpec.of(10, 30, 10, 1).withCategories(11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("33");
    assertThatThrownBy(() -> ShopSpec.of(10, 30, 10, 1).withHouseholdShare(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("householdShare");
    assertThatThrownBy(() -> ShopSpec.of(10, 30, 10, 1).withIdPrefix(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idPrefix");
  }
}
