package io.affinity.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.affinity.core.customer.CustomerService;
import io.affinity.core.customer.CustomerView;
import io.affinity.core.event.EventIngestor;
import io.affinity.core.event.EventInput;
import io.affinity.core.product.ProductInput;
import io.affinity.core.product.ProductService;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.testing.TestSql;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
// A full recompute fits its models on every customer of the database: on MariaDB, where the
// module's tests share one, this class gets a database of its own so that others' data cannot move
// the fit (on H2 every test context has its own anyway).
@Property(name = "affinity.test.mariadb.database", value = "affinity_test_core_value")
class CustomerValueServiceTest {
  private static final Instant AS_OF = Instant.parse("2024-03-01T00:00:00Z");

  @Inject EventIngestor ingestor;
  @Inject ProductService products;
  @Inject CustomerService customers;
  @Inject CustomerValueService values;
  @Inject MetricsRefreshQueue queue;
  @Inject TestSql sql;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private int sequence;

  @Test
  void rawMetricsOfAHandMadeCustomerEqualTheHandComputation() throws Exception {
    String a = "a-" + run;
    String garden = "garden-" + run;
    String kitchen = "kitchen-" + run;
    product(garden, "Garden " + run, "10.00", "4.00");
    product(kitchen, "Kitchen " + run, "5.00", null);
    ingestor.ingest(
        List.of(
            sale("purchase", a, garden, "o1", 2, "10.00", "2024-01-01T10:00:00Z", "web"),
            sale("purchase", a, kitchen, "o1", 1, "5.00", "2024-01-01T10:00:00Z", "web"),
            sale("purchase", a, kitchen, "o2", 3, "5.00", "2024-01-11T09:00:00Z", "app"),
            sale("purchase", a, garden, "o3", 1, "10.00", "2024-02-10T12:00:00Z", "web"),
            sale("return", a, kitchen, "o2", 1, "5.00", "2024-02-12T08:00:00Z", "web"),
            // After the as-of time: must not count.
            sale("purchase", a, garden, "o4", 9, "10.00", "2024-03-02T08:00:00Z", "web"),
            view(a, garden, "2024-02-20T10:00:00Z")));
    ingestor.ingest(
        List.of(
            response("open", a, 7, "2024-02-15T10:00:00Z"),
            response("click", a, 7, "2024-02-16T10:00:00Z"),
            response("open", a, 6, "2024-02-14T10:00:00Z")));

    values.recomputeAll(AS_OF, ProgressListener.NONE);

    CustomerMetrics m = values.find(id(a)).orElseThrow();
    // Orders o1, o2, o3 (o4 is after the as-of time) -> 3.
    assertThat(m.orders()).isEqualTo(3);
    // Purchase days: Jan 1, Jan 11, Feb 10 -> 3.
    assertThat(m.purchaseDays()).isEqualTo(3);
    // Revenue: 2 x 10 + 1 x 5 + 3 x 5 + 1 x 10 - 1 x 5 (return) = 45.00.
    assertThat(m.revenue()).isEqualByComparingTo("45.00");
    // Average order value: 45.00 / 3 = 15.00.
    assertThat(m.avgOrderValue()).isEqualByComparingTo("15.00");
    // Historic CLV, margin where the product has a cost: garden (cost 4) 2 x 6 + 1 x 6 = 18;
    // kitchen (no cost, counts in full) 5 + 15 - 5 = 15; total 33.00.
    assertThat(m.historicClv()).isEqualByComparingTo("33.00");
    // Recency: Feb 10 -> Mar 1, 2024 (a leap year) = 20 days; tenure: Jan 1 -> Mar 1 = 60 days.
    assertThat(m.recencyDays()).isEqualTo(20);
    assertThat(m.tenureDays()).isEqualTo(60);
    assertThat(m.firstPurchaseAt()).isEqualTo(Instant.parse("2024-01-01T10:00:00Z").toEpochMilli());
    assertThat(m.lastPurchaseAt()).isEqualTo(Instant.parse("2024-02-10T12:00:00Z").toEpochMilli());
    // Categories by net revenue: garden 30, kitchen 15.
    assertThat(m.topCategories()).containsExactly("Garden " + run, "Kitchen " + run);
    // Orders by source: web o1, o3; app o2 -> web.
    assertThat(m.preferredChannel()).isEqualTo("web");
    // The latest campaign event: the click on campaign 7.
    assertThat(m.lastCampaignResponse()).isEqualTo("click");
    assertThat(m.lastCampaignId()).isEqualTo(7L);
    assertThat(m.lastCampaignResponseAt())
        .isEqualTo(Instant.parse("2024-02-16T10:00:00Z").toEpochMilli());
    // Scored against the population: scores and segment are set.
    assertThat(m.rScore()).isBetween(1, 5);
    assertThat(m.rfmSegment()).isNotNull();

    CustomerView view = customers.find(a);
    assertThat(view.value()).isNotNull();
    assertThat(view.value().monetary()).isEqualByComparingTo("45.00");
    assertThat(view.value().lastCampaignResponse().campaignId()).isEqualTo(7L);
  }

  @Test
  void incrementalUpdateAfterAnIngestMatchesAFullRecompute() throws Exception {
    String prefix = "inc-" + run + "-";
    String item = "item-" + run;
    product(item, "Toys " + run, "20.00", "15.00");
    // Thirty customers with 1 to 6 purchase days in January and February 2024, enough for both
    // models to be fitted.
    List<EventInput> events = new ArrayList<>();
    for (int c = 0; c < 30; c++) {
      for (int k = 0; k <= c % 6; k++) {
        Instant at = Instant.parse("2024-01-02T10:00:00Z").plus(Duration.ofDays(c + 7L * k));
        events.add(
            sale(
                "purchase",
                prefix + c,
                item,
                "o" + c + "-" + k,
                1 + k,
                "20.00",
                at.toString(),
                "web"));
      }
    }
    ingestor.ingest(events);
    assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
    values.recomputeAll(AS_OF, ProgressListener.NONE);
    ValueParameters before = values.parameters().orElseThrow();

    String b = prefix + 3;
    String fresh = prefix + "new";
    ingestor.ingest(
        List.of(
            sale("purchase", b, item, "late-1", 4, "20.00", "2024-02-27T10:00:00Z", "app"),
            sale("purchase", b, item, "late-2", 1, "20.00", "2024-02-27T11:00:00Z", "app"),
            sale("purchase", fresh, item, "late-3", 1, "20.00", "2024-02-28T10:00:00Z", "app")));
    ingestor.ingest(List.of(response("unsubscribe", b, 9, "2024-02-28T12:00:00Z")));
    assertThat(queue.awaitIdle(Duration.ofSeconds(30))).isTrue();
    CustomerMetrics incremental = values.find(id(b)).orElseThrow();
    CustomerMetrics incrementalNew = values.find(id(fresh)).orElseThrow();

    values.recomputeAll(AS_OF, ProgressListener.NONE);
    CustomerMetrics full = values.find(id(b)).orElseThrow();
    CustomerMetrics fullNew = values.find(id(fresh)).orElseThrow();

    for (CustomerMetrics[] pair :
        new CustomerMetrics[][] {{incremental, full}, {incrementalNew, fullNew}}) {
      CustomerMetrics inc = pair[0];
      CustomerMetrics all = pair[1];
      assertThat(inc.asOf()).isEqualTo(all.asOf());
      assertThat(inc.firstPurchaseAt()).isEqualTo(all.firstPurchaseAt());
      assertThat(inc.lastPurchaseAt()).isEqualTo(all.lastPurchaseAt());
      assertThat(inc.recencyDays()).isEqualTo(all.recencyDays());
      assertThat(inc.tenureDays()).isEqualTo(all.tenureDays());
      assertThat(inc.orders()).isEqualTo(all.orders());
      assertThat(inc.purchaseDays()).isEqualTo(all.purchaseDays());
      assertThat(inc.revenue()).isEqualByComparingTo(all.revenue());
      assertThat(inc.avgOrderValue()).isEqualByComparingTo(all.avgOrderValue());
      assertThat(inc.historicClv()).isEqualByComparingTo(all.historicClv());
      assertThat(inc.topCategories()).isEqualTo(all.topCategories());
      assertThat(inc.preferredChannel()).isEqualTo(all.preferredChannel());
      assertThat(inc.lastCampaignResponse()).isEqualTo(all.lastCampaignResponse());
      assertThat(inc.lastCampaignId()).isEqualTo(all.lastCampaignId());
      // Population-wide figures come from the last full run before the ingest.
      assertThat(inc.rScore()).isEqualTo(before.recency().score(inc.lastPurchaseAt()));
      assertThat(inc.fScore()).isEqualTo(before.frequency().score(inc.orders()));
      assertThat(inc.mScore()).isEqualTo(before.monetary().score(inc.revenue().doubleValue()));
      assertThat(inc.rfmSegment()).isEqualTo(RfmSegment.of(inc.rScore(), inc.fScore()).wireName());
    }
    // Customer 3 bought weekly from Jan 5 (4 orders of 1, 2, 3 and 4 items at 20, all web), then
    // two app orders on Feb 27: 6 orders on 5 days, revenue 20 x (1 + 2 + 3 + 4) + 80 + 20 = 300.
    assertThat(incremental.orders()).isEqualTo(6);
    assertThat(incremental.purchaseDays()).isEqualTo(5);
    assertThat(incremental.revenue()).isEqualByComparingTo("300.00");
    assertThat(incremental.preferredChannel()).isEqualTo("web"); // 4 web orders, 2 app
    assertThat(incremental.lastCampaignResponse()).isEqualTo("unsubscribe");
    // The prediction uses the earlier run's BG/NBD on the customer's new history: first day Jan
    // 5, last Feb 27 (53 days later), as of Mar 1 (56 days), 4 repeat days.
    assertThat(before.bgNbd()).isNotNull();
    assertThat(incremental.expectedPurchases12m())
        .isCloseTo(before.bgNbd().expectedPurchases(365, 4, 53, 56), within(1e-5));
    assertThat(incremental.predictedClv12m()).isNotNull();
  }

  private long id(String externalId) {
    return sql.count("SELECT id FROM customers WHERE external_id = ?", externalId);
  }

  private void product(String id, String category, String price, String cost) {
    products.upsert(
        new ProductInput(
            id,
            id,
            category,
            null,
            new BigDecimal(price),
            cost == null ? null : new BigDecimal(cost),
            true,
            null,
            null,
            null,
            null));
  }

  private EventInput sale(
      String type,
      String customer,
      String product,
      String order,
      int quantity,
      String price,
      String at,
      String source) {
    return new EventInput(
        run + "-" + sequence++,
        type,
        customer,
        product,
        order + "-" + run,
        quantity,
        new BigDecimal(price),
        Instant.parse(at),
        null,
        source);
  }

  private EventInput view(String customer, String product, String at) {
    return new EventInput(
        run + "-" + sequence++,
        "view",
        customer,
        product,
        null,
        null,
        null,
        Instant.parse(at),
        null,
        "web");
  }

  private EventInput response(String type, String customer, long campaign, String at) {
    return new EventInput(
        run + "-" + sequence++,
        type,
        customer,
        null,
        null,
        null,
        null,
        Instant.parse(at),
        campaign,
        "email");
  }
}
