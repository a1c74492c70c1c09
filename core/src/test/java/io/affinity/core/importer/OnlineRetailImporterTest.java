package io.affinity.core.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.affinity.core.customer.CustomerService;
import io.affinity.core.product.ProductService;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.testing.TestSql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@MicronautTest(transactional = false)
class OnlineRetailImporterTest {
  @Inject OnlineRetailImporter importer;
  @Inject CustomerService customers;
  @Inject ProductService products;
  @Inject TestSql sql;

  @TempDir Path dir;

  // Events of each run get their own ids: the MariaDB test database is shared and kept.
  private final String prefix = "test-" + UUID.randomUUID().toString().substring(0, 8) + ":";

  /** The sample in test resources: 17 lines, each kind of line at least once. */
  private Path sample() throws IOException {
    Path file = dir.resolve("online-retail-sample.csv");
    try (InputStream in = getClass().getResourceAsStream("/importer/online-retail-sample.csv")) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  /** The sample gzipped, under a name that does not say so. */
  private Path gzippedSample() throws IOException {
    Path file = dir.resolve("gzipped-but-named.csv");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      Files.copy(sample(), out);
    }
    return file;
  }

  private long storedWithPrefix(String type) {
    return sql.count(
        "SELECT COUNT(*) FROM events WHERE client_event_id LIKE ? AND type = ?",
        prefix + "%",
        type);
  }

  @Test
  void importsTheSampleWithExactCountsAndASecondImportStoresNothing() throws IOException {
    Path file = sample();
    ImportSummary first = importer.importFile(file, prefix, ProgressListener.NONE);

    assertThat(first.linesRead()).isEqualTo(17);
    assertThat(first.purchasesStored()).isEqualTo(8);
    assertThat(first.returnsStored()).isEqualTo(2);
    assertThat(first.duplicates()).isZero();
    assertThat(first.skippedNoCustomer()).isEqualTo(1);
    assertThat(first.skippedNonProduct()).isEqualTo(3);
    assertThat(first.skippedZeroPrice()).isEqualTo(1);
    assertThat(first.skippedOther()).isEqualTo(2);
    assertThat(first.customers()).isEqualTo(5);
    assertThat(first.products()).isEqualTo(5);
    assertThat(first.customersCreated()).isBetween(0L, 5L); // 5 on a fresh database
    assertThat(storedWithPrefix("purchase")).isEqualTo(8);
    assertThat(storedWithPrefix("return")).isEqualTo(2);

    ImportSummary second = importer.importFile(file, prefix, ProgressListener.NONE);

    assertThat(second.purchasesStored()).isZero();
    assertThat(second.returnsStored()).isZero();
    assertThat(second.duplicates()).isEqualTo(10);
    assertThat(second.customersCreated()).isZero();
    assertThat(second.productsCreated()).isZero();
    assertThat(second.skipped()).isEqualTo(first.skipped());
    assertThat(storedWithPrefix("purchase") + storedWithPrefix("return")).isEqualTo(10);
  }

  @Test
  void aGzippedFileIsDetectedByItsContentAndGivesTheSameResult() throws IOException {
    ImportSummary plain = importer.importFile(sample(), prefix, ProgressListener.NONE);
    String otherPrefix = prefix.replace("test-", "gz-");

    ImportSummary gzipped =
        importer.importFile(gzippedSample(), otherPrefix, ProgressListener.NONE);

    assertThat(gzipped.purchasesStored()).isEqualTo(plain.purchasesStored()).isEqualTo(8);
    assertThat(gzipped.returnsStored()).isEqualTo(2);
    assertThat(gzipped.skipped()).isEqualTo(plain.skipped()).isEqualTo(7);
    assertThat(
            sql.count(
                "SELECT COUNT(*) FROM events WHERE client_event_id LIKE ?", otherPrefix + "%"))
        .isEqualTo(10);
  }

  @Test
  void storesCustomersProductsAndEventsAsTheFileSaysThem() throws IOException {
    importer.importFile(sample(), prefix, ProgressListener.NONE);

    // Customers whose lines were all skipped exist, with their country.
    assertThat(customers.find("99903").country()).isEqualTo("Germany");
    assertThat(customers.find("99904").country()).isEqualTo("EIRE");
    assertThat(customers.find("99905").country()).isEqualTo("United Kingdom");
    // A product first seen in a return gets the price of its first purchase.
    assertThat(products.find("99004").price()).isEqualByComparingTo("4.25");
    assertThat(products.find("99004").name()).isEqualTo("TEST JUG");
    // Lower-case stock codes are the same product; the first purchase gives the price.
    assertThat(products.find("99001A").price()).isEqualByComparingTo("2.55");
    assertThat(products.find("99006").name()).isEqualTo("TEST \"QUOTED\", NAME");
    assertThat(products.find("99008").categoryPath()).isNull();

    // A return: positive quantity, the invoice as order id.
    Map<String, Object> ret = event(prefix + "8");
    assertThat(ret)
        .containsEntry("type", "return")
        .containsEntry("order_id", "C900005")
        .containsEntry("source", "import");
    assertThat(((Number) ret.get("quantity")).intValue()).isEqualTo(2);
    // The line after a field spanning two lines is numbered as the file's line 17.
    Map<String, Object> after = event(prefix + "17");
    assertThat(after).containsEntry("order_id", "900013").containsEntry("type", "purchase");
    assertThat(((Number) after.get("occurred_at")).longValue())
        .isEqualTo(Instant.parse("2011-12-09T12:50:00Z").toEpochMilli());
    assertThat(event(prefix + "15")).containsEntry("order_id", "900012");
    // Skipped lines have no event.
    assertThat(sql.rows("SELECT id FROM events WHERE client_event_id = ?", prefix + "16"))
        .isEmpty();
    assertThat(sql.rows("SELECT id FROM events WHERE client_event_id = ?", prefix + "11"))
        .isEmpty();
  }

  @Test
  void reportsProgressAsBytesOfTheFileUpToItsSize() throws IOException {
    Path file = gzippedSample();
    List<Long> advances = new ArrayList<>();
    List<Long> totals = new ArrayList<>();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void start(String phase, long total) {
            totals.add(total);
          }

          @Override
          public void advance(long units) {
            advances.add(units);
          }
        };

    importer.importFile(file, prefix, listener);

    assertThat(totals).containsExactly(Files.size(file));
    assertThat(advances.stream().mapToLong(Long::longValue).sum()).isEqualTo(Files.size(file));
  }

  @Test
  void aMissingFileOrAFileWithoutTheColumnsIsABadArgument() throws IOException {
    Path missing = dir.resolve("nope.csv");
    assertThatThrownBy(() -> importer.importFile(missing, ProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope.csv");

    Path other = Files.writeString(dir.resolve("other.csv"), "a,b,c\n1,2,3\n");
    assertThatThrownBy(() -> importer.importFile(other, ProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("InvoiceNo");

    assertThatThrownBy(() -> importer.importFile(sample(), " ", ProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eventIdPrefix");
  }

  private Map<String, Object> event(String eventId) {
    List<Map<String, Object>> rows =
        sql.rows(
            "SELECT type, order_id, quantity, occurred_at, source FROM events"
                + " WHERE client_event_id = ?",
            eventId);
    assertThat(rows).as("event %s", eventId).hasSize(1);
    return rows.get(0);
  }
}
