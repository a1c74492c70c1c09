package io.affinity.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.affinity.core.customer.CustomerInput;
import io.affinity.core.customer.CustomerService;
import io.affinity.core.customer.CustomerView;
import io.affinity.core.event.EventInput;
import io.affinity.core.household.HouseholdService;
import io.affinity.core.household.HouseholdView;
import io.affinity.core.product.ProductInput;
import io.affinity.core.product.ProductService;
import io.affinity.core.product.ProductView;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.testing.TestSql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class SyntheticShopLoaderTest {
  @Inject SyntheticShopLoader loader;
  @Inject CustomerService customers;
  @Inject HouseholdService households;
  @Inject ProductService products;
  @Inject TestSql sql;

  // A fixed seed, so every run loads the same shop, under an id prefix of its own per run: the
  // MariaDB test database is shared and kept.
  private final ShopSpec spec =
      ShopSpec.of(300, 100, 20_000, 7)
          .withIdPrefix("sl" + UUID.randomUUID().toString().substring(0, 8) + "-");
  private final String prefix = spec.idPrefix();

  private long count(String table, String column, String kind) {
    return sql.count(
        "SELECT COUNT(*) FROM " + table + " WHERE " + column + " LIKE ?", prefix + kind + "%");
  }

  @Test
  void storesTheShopAndASecondLoadAddsNothing() {
    List<String> phases = new ArrayList<>();
    Map<String, Long> advanced = new HashMap<>();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void start(String phase, long total) {
            phases.add(phase + ":" + total);
          }

          @Override
          public void advance(long units) {
            advanced.merge(phases.get(phases.size() - 1), units, Long::sum);
          }
        };

    LoadSummary first = loader.load(spec, listener);

    SyntheticShop shop = SyntheticShop.generate(spec);
    int householdCount = shop.householdCount();
    assertThat(first.households()).isEqualTo(householdCount);
    assertThat(first.householdsCreated()).isEqualTo(householdCount);
    assertThat(first.customers()).isEqualTo(300);
    assertThat(first.customersCreated()).isEqualTo(300);
    assertThat(first.products()).isEqualTo(100);
    assertThat(first.productsCreated()).isEqualTo(100);
    assertThat(first.events()).isEqualTo(20_000);
    assertThat(first.eventsStored()).isEqualTo(20_000);
    assertThat(first.duplicates()).isZero();
    assertThat(count("households", "external_id", "h")).isEqualTo(householdCount);
    assertThat(count("customers", "external_id", "c")).isEqualTo(300);
    assertThat(count("products", "external_id", "p")).isEqualTo(100);
    assertThat(count("events", "client_event_id", "e")).isEqualTo(20_000);
    assertThat(phases)
        .containsExactly(
            "Households:" + householdCount, "Customers:300", "Products:100", "Events:20000");
    assertThat(advanced.get("Events:20000")).isEqualTo(20_000);

    LoadSummary second = loader.load(spec, ProgressListener.NONE);

    assertThat(second.householdsCreated()).isZero();
    assertThat(second.customersCreated()).isZero();
    assertThat(second.productsCreated()).isZero();
    assertThat(second.eventsStored()).isZero();
    assertThat(second.duplicates()).isEqualTo(20_000);
    assertThat(count("customers", "external_id", "c")).isEqualTo(300);
    assertThat(count("events", "client_event_id", "e")).isEqualTo(20_000);
  }

  @Test
  void storesWhatTheGeneratorMade() {
    loader.load(spec, ProgressListener.NONE);
    SyntheticShop shop = SyntheticShop.generate(spec);

    // A customer in a household, with profile, consent and household members.
    CustomerInput member = null;
    for (var it = shop.customers(); it.hasNext(); ) {
      CustomerInput c = it.next();
      if (c.householdId() != null) {
        member = c;
        break;
      }
    }
    assertThat(member).isNotNull();
    CustomerView view = customers.find(member.id());
    assertThat(view.email()).isEqualTo(member.email());
    assertThat(view.name()).isEqualTo(member.name());
    assertThat(view.address()).isEqualTo(member.address());
    assertThat(view.postcode()).isEqualTo(member.postcode());
    assertThat(view.country()).isEqualTo(member.country());
    assertThat(view.preferredChannel()).isEqualTo(member.preferredChannel());
    assertThat(view.consent().email()).isEqualTo(member.emailConsent());
    // A load records a grant in the consent ledger as an import; a "no" is the state none.
    assertThat(view.consent().at()).isEqualTo(member.emailConsent() ? member.consentAt() : null);
    assertThat(view.consent().source()).isEqualTo(member.emailConsent() ? "import" : null);
    assertThat(view.household()).isNotNull();
    assertThat(view.household().id()).isEqualTo(member.householdId());
    HouseholdView household = households.find(member.householdId());
    assertThat(household.address()).isEqualTo(member.address());
    assertThat(household.members()).hasSizeGreaterThanOrEqualTo(2);

    // A product with its category, tier attributes, price, cost and stock.
    ProductInput input = shop.products().get(4);
    ProductView product = products.find(input.id());
    assertThat(product.categoryPath()).isEqualTo(input.categoryPath()).contains("/");
    assertThat(product.brand()).isEqualTo(input.brand());
    assertThat(product.price()).isEqualByComparingTo(input.price());
    assertThat(product.cost()).isEqualByComparingTo(input.cost());
    assertThat(product.margin()).isPositive();
    assertThat(product.inStock()).isEqualTo(input.inStock());
    assertThat(product.attributes()).containsEntry("tier", "standard");

    // Events by type as generated, with their times.
    Map<String, Long> generated = new HashMap<>();
    EventInput firstEvent = shop.events().next();
    shop.events().forEachRemaining(e -> generated.merge(e.type(), 1L, Long::sum));
    for (var entry : generated.entrySet()) {
      assertThat(
              sql.count(
                  "SELECT COUNT(*) FROM events WHERE client_event_id LIKE ? AND type = ?",
                  prefix + "e%",
                  entry.getKey()))
          .as(entry.getKey())
          .isEqualTo(entry.getValue());
    }
    Map<String, Object> stored =
        sql.rows(
                "SELECT occurred_at, source FROM events WHERE client_event_id = ?",
                firstEvent.eventId())
            .get(0);
    assertThat(((Number) stored.get("occurred_at")).longValue())
        .isEqualTo(firstEvent.time().toEpochMilli());
    assertThat(stored).containsEntry("source", "synthetic");
  }

  @Test
  void aHistoryEndingInTheFutureCannotBeLoaded() {
    ShopSpec future = spec.withHistory(30, Instant.now().plusSeconds(10 * 86_400));

    assertThatThrownBy(() -> loader.load(future, ProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end");
  }
}
