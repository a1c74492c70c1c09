package io.affinity.core.importer;

import io.affinity.core.customer.CustomerService;
import io.affinity.core.event.EventIngestor;
import io.affinity.core.product.ProductService;
import io.affinity.core.progress.ProgressListener;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Imports the Online Retail file: every customer (with country), every product of a stored line
 * (name from the description, price from the first purchase), and the purchase and return events
 * that {@link LineClassifier} keeps.
 *
 * <p>Safe to run again: an event's id is {@code online-retail:<line number>}, so a second import of
 * the same file stores no event twice, and customers and products are upserted. A failed import
 * leaves the batches stored before the failure (each batch is all-or-nothing); running it again
 * completes it.
 */
@Singleton
public class OnlineRetailImporter {
  /** The start of the ids of imported events; the line number follows. */
  public static final String EVENT_ID_PREFIX = "online-retail:";

  private static final int MAX_PREFIX = 60;
  private static final int PROGRESS_EVERY = 5_000;

  private final CustomerService customers;
  private final ProductService products;
  private final EventIngestor ingestor;

  public OnlineRetailImporter(
      CustomerService customers, ProductService products, EventIngestor ingestor) {
    this.customers = customers;
    this.products = products;
    this.ingestor = ingestor;
  }

  /**
   * Imports the file at {@code path} (CSV, plain or gzipped) with event ids {@value
   * #EVENT_ID_PREFIX}{@code <line number>}, reporting progress as bytes of the file read.
   *
   * @throws IllegalArgumentException if there is no readable file at {@code path} or it is not an
   *     Online Retail CSV file
   */
  public ImportSummary importFile(Path path, ProgressListener progress) {
    return importFile(path, EVENT_ID_PREFIX, progress);
  }

  /**
   * Imports the file at {@code path} with event ids {@code eventIdPrefix + <line number>}. A
   * different prefix imports a second file (a sample, a later export) without its line numbers
   * colliding with the first.
   *
   * @throws IllegalArgumentException if {@code eventIdPrefix} is blank or longer than 60
   *     characters, or as {@link #importFile(Path, ProgressListener)}
   */
  public ImportSummary importFile(Path path, String eventIdPrefix, ProgressListener progress) {
    return importFile(path, eventIdPrefix, Duration.ZERO, progress);
  }

  /**
   * Imports the file at {@code path} with every event time moved by {@code shift}: the demo moves
   * the 2010-2011 file so that its last day is yesterday (see {@link #lastEventTime(Path)}).
   *
   * @throws IllegalArgumentException as {@link #importFile(Path, String, ProgressListener)}
   */
  public ImportSummary importFile(
      Path path, String eventIdPrefix, Duration shift, ProgressListener progress) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(shift, "shift");
    Objects.requireNonNull(progress, "progress");
    if (eventIdPrefix == null || eventIdPrefix.isBlank() || eventIdPrefix.length() > MAX_PREFIX) {
      throw new IllegalArgumentException(
          "eventIdPrefix must be 1 to " + MAX_PREFIX + " characters, got '" + eventIdPrefix + "'");
    }
    long started = System.nanoTime();
    try (RetailCsvReader reader = RetailCsvReader.open(path)) {
      ImportRun run = new ImportRun(customers, products, ingestor, eventIdPrefix, shift);
      progress.start("Importing " + path.getFileName(), reader.size());
      long reported = 0;
      for (RetailLine line = reader.next(); line != null; line = reader.next()) {
        run.accept(LineClassifier.classify(line));
        if (run.linesRead() % PROGRESS_EVERY == 0) {
          reported = report(progress, reader.bytesRead(), reported, run);
        }
      }
      run.flush();
      report(progress, reader.size(), reported, run);
      progress.finish();
      return run.summary((System.nanoTime() - started) / 1_000_000);
    }
  }

  /**
   * The time of the latest line of the file that would be stored as an event, or empty if there is
   * none: one read of the whole file, without storing anything.
   *
   * @throws IllegalArgumentException as {@link #importFile(Path, ProgressListener)}
   */
  public Optional<Instant> lastEventTime(Path path) {
    Objects.requireNonNull(path, "path");
    Instant last = null;
    try (RetailCsvReader reader = RetailCsvReader.open(path)) {
      for (RetailLine line = reader.next(); line != null; line = reader.next()) {
        ClassifiedLine c = LineClassifier.classify(line);
        if (c.outcome().isEvent() && c.time() != null && (last == null || c.time().isAfter(last))) {
          last = c.time();
        }
      }
    }
    return Optional.ofNullable(last);
  }

  private static long report(ProgressListener progress, long bytes, long reported, ImportRun run) {
    if (bytes > reported) {
      progress.advance(bytes - reported);
    }
    progress.message(
        String.format(
            Locale.ROOT, "%,d lines, %,d events stored", run.linesRead(), run.eventsStored()));
    return Math.max(bytes, reported);
  }
}
