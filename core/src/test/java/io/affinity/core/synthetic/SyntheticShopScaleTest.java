package io.affinity.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.event.EventInput;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Streams the benchmark-size shop (1M customers, 100k products, 10M events) without holding its
 * events. Too slow for every build; run it with {@code -Daffinity.scale=true}.
 */
@EnabledIfSystemProperty(named = "affinity.scale", matches = "true")
class SyntheticShopScaleTest {
  @Test
  void generatesTenMillionEventsInUnderAMinute() {
    long started = System.nanoTime();
    SyntheticShop shop = SyntheticShop.generate(ShopSpec.of(1_000_000, 100_000, 10_000_000, 1));
    long setUp = System.nanoTime();
    long customers = 0;
    for (var it = shop.customers(); it.hasNext(); it.next()) {
      customers++;
    }
    long customersDone = System.nanoTime();
    long events = 0;
    long purchases = 0;
    for (Iterator<EventInput> it = shop.events(); it.hasNext(); ) {
      EventInput e = it.next();
      events++;
      purchases += e.type().equals("purchase") ? 1 : 0;
    }
    long done = System.nanoTime();
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        "catalogue and layout %.1f s; %,d customers %.1f s; %,d events (%,d purchases) %.1f s;"
            + " heap used %,d MB of max %,d MB%n",
        (setUp - started) / 1e9,
        customers,
        (customersDone - setUp) / 1e9,
        events,
        purchases,
        (done - customersDone) / 1e9,
        (rt.totalMemory() - rt.freeMemory()) >> 20,
        rt.maxMemory() >> 20);

    assertThat(customers).isEqualTo(1_000_000);
    assertThat(events).isEqualTo(10_000_000);
    assertThat((done - customersDone) / 1e9).isLessThan(60);
  }
}
