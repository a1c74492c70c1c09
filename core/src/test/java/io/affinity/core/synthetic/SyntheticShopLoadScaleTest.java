package io.affinity.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.progress.ProgressListener;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Loads a shop of 1M customers and 100k products (and {@code affinity.scale.events} events, 1M by
 * default) into the test database and prints the times. Too slow for every build; run it with
 * {@code -Daffinity.scale=true}, on MariaDB in a database of its own: {@code -Pmariadb
 * -Daffinity.test.mariadb.database=affinity_scale}.
 */
@MicronautTest(transactional = false)
@EnabledIfSystemProperty(named = "affinity.scale", matches = "true")
class SyntheticShopLoadScaleTest {
  @Inject SyntheticShopLoader loader;

  @Test
  void loadsAMillionCustomers() {
    long events = Long.getLong("affinity.scale.events", 1_000_000);
    ShopSpec spec = ShopSpec.of(1_000_000, 100_000, events, 1).withIdPrefix("scale-");
    ProgressListener timing =
        new ProgressListener() {
          private long started;
          private String phase;

          @Override
          public void start(String name, long total) {
            phase = name;
            started = System.nanoTime();
          }

          @Override
          public void finish() {
            System.out.printf("%s: %.1f s%n", phase, (System.nanoTime() - started) / 1e9);
          }
        };

    LoadSummary summary = loader.load(spec, timing);
    System.out.println(summary.toText());

    assertThat(summary.eventsStored() + summary.duplicates()).isEqualTo(events);
  }
}
