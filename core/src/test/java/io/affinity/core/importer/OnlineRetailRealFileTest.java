package io.affinity.core.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.progress.ProgressListener;
import io.affinity.core.testing.TestSql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Imports the real Online Retail file, which lives beside the repository ({@code
 * <clone>/../shared/data/online-retail/}) and not in it; skipped where it is absent.
 */
@MicronautTest(transactional = false)
@EnabledIf("fileExists")
class OnlineRetailRealFileTest {
  /** From the module directory ({@code core/}), where Maven runs the tests. */
  static final Path FILE =
      Path.of("..", "..", "shared", "data", "online-retail", "online-retail.csv.gz");

  @Inject OnlineRetailImporter importer;
  @Inject TestSql sql;

  static boolean fileExists() {
    return Files.isRegularFile(FILE);
  }

  @Test
  void importsEveryCustomerAndTheCleanedPurchasesAndReturns() {
    ImportSummary summary = importer.importFile(FILE, ProgressListener.NONE);
    System.out.println("Online Retail import:\n" + summary.toText());

    assertThat(summary.linesRead()).isEqualTo(541_909);
    assertThat(summary.skippedNoCustomer()).isEqualTo(135_080);
    assertThat(summary.skippedNonProduct()).isEqualTo(1_920);
    assertThat(summary.skippedZeroPrice()).isEqualTo(33);
    assertThat(summary.skippedOther()).isZero();
    assertThat(summary.customers()).isEqualTo(4_372);
    assertThat(summary.products()).isEqualTo(3_676);
    // The shared MariaDB may hold an earlier import: then its events are duplicates.
    assertThat(summary.purchasesStored() + summary.returnsStored() + summary.duplicates())
        .isEqualTo(396_337 + 8_539);

    String prefix = OnlineRetailImporter.EVENT_ID_PREFIX + "%";
    assertThat(
            sql.count(
                "SELECT COUNT(*) FROM events WHERE client_event_id LIKE ? AND type = 'purchase'",
                prefix))
        .isEqualTo(396_337);
    assertThat(
            sql.count(
                "SELECT COUNT(*) FROM events WHERE client_event_id LIKE ? AND type = 'return'",
                prefix))
        .isEqualTo(8_539);
    assertThat(storedCustomers(customerIdsInFile())).isEqualTo(4_372);
  }

  /** The CustomerIDs of the file, read without the classifier. */
  private static Set<String> customerIdsInFile() {
    Set<String> ids = new LinkedHashSet<>();
    try (RetailCsvReader reader = RetailCsvReader.open(FILE)) {
      for (RetailLine line = reader.next(); line != null; line = reader.next()) {
        if (line.customerId() != null && !line.customerId().isBlank()) {
          ids.add(line.customerId().strip());
        }
      }
    }
    return ids;
  }

  private long storedCustomers(Set<String> ids) {
    List<String> all = new ArrayList<>(ids);
    long found = 0;
    for (int from = 0; from < all.size(); from += 500) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
      String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
      found +=
          sql.count(
              "SELECT COUNT(*) FROM customers WHERE external_id IN (" + marks + ")",
              chunk.toArray());
    }
    return found;
  }
}
