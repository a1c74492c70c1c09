package io.affinity.core.importer;

import io.micronaut.core.annotation.Nullable;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the lines of an Online Retail CSV file, plain or gzipped, one at a time. Gzip is detected
 * by the file's first two bytes, not by its name. The file must be UTF-8 and start with a header
 * naming at least the {@link #COLUMNS}.
 */
public final class RetailCsvReader implements Closeable {
  /** The columns the file must have, in any order. */
  public static final List<String> COLUMNS =
      List.of(
          "InvoiceNo",
          "StockCode",
          "Description",
          "Quantity",
          "InvoiceDate",
          "UnitPrice",
          "CustomerID",
          "Country");

  private static final int BUFFER = 1 << 16;
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private final Path path;
  private final long size;
  private final CountingInputStream counted;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final boolean gzipped;
  private long nextLine;

  private RetailCsvReader(Path path) throws IOException {
    this.path = path;
    this.size = Files.size(path);
    this.counted = new CountingInputStream(Files.newInputStream(path));
    InputStream in = new BufferedInputStream(counted, BUFFER);
    try {
      in.mark(2);
      gzipped = in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
      in.reset();
      if (gzipped) {
        in = new GZIPInputStream(in, BUFFER);
      }
      Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
      parser =
          CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
    List<String> missing =
        COLUMNS.stream().filter(c -> !parser.getHeaderMap().containsKey(c)).toList();
    if (!missing.isEmpty()) {
      parser.close();
      throw new IllegalArgumentException(
          "File " + path + " is not an Online Retail CSV: the header lacks " + missing);
    }
    records = parser.iterator();
    nextLine = parser.getCurrentLineNumber() + 1;
  }

  /**
   * Opens {@code path}.
   *
   * @throws IllegalArgumentException if the file does not exist, is not readable, or has no header
   *     with the {@link #COLUMNS}
   */
  public static RetailCsvReader open(Path path) {
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new IllegalArgumentException("No readable file at " + path.toAbsolutePath());
    }
    try {
      return new RetailCsvReader(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + path, e);
    }
  }

  /**
   * The next line, or null after the last one.
   *
   * @throws IllegalArgumentException if the file is not valid CSV at this point (for example a
   *     quote that is never closed) or a gzipped file is cut short
   */
  @Nullable
  public RetailLine next() {
    CSVRecord record;
    try {
      // next() without hasNext(): hasNext() would parse the following record too, and the line
      // count below must stop at the end of this one.
      record = records.next();
    } catch (NoSuchElementException end) {
      return null;
    } catch (UncheckedIOException | IllegalStateException e) {
      throw new IllegalArgumentException(
          "File " + path + " cannot be read after line " + (nextLine - 1) + ": " + e.getMessage(),
          e);
    }
    long line = nextLine;
    nextLine = parser.getCurrentLineNumber() + 1;
    return new RetailLine(
        line,
        field(record, "InvoiceNo"),
        field(record, "StockCode"),
        field(record, "Description"),
        field(record, "Quantity"),
        field(record, "InvoiceDate"),
        field(record, "UnitPrice"),
        field(record, "CustomerID"),
        field(record, "Country"),
        record.isConsistent());
  }

  /** Bytes of the file (compressed, if it is gzipped) consumed so far. */
  public long bytesRead() {
    return counted.count();
  }

  /** The size of the file in bytes, the total for {@link #bytesRead()}. */
  public long size() {
    return size;
  }

  /** Whether the file is gzipped. */
  public boolean gzipped() {
    return gzipped;
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Nullable
  private static String field(CSVRecord record, String column) {
    return record.isSet(column) ? record.get(column) : null;
  }
}
