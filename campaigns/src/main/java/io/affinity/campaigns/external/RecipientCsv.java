package io.affinity.campaigns.external;

import io.affinity.core.error.FieldError;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a recipient CSV: a header naming {@code customer_id} and {@code arm} (in any order, other
 * columns ignored), then one recipient per line. Blank lines are skipped but counted, so that the
 * line numbers in errors are those an editor shows (a quoted value spanning lines would shift them;
 * ids never contain line breaks).
 */
final class RecipientCsv {
  static final String CUSTOMER_ID = "customer_id";
  static final String ARM = "arm";

  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setTrim(true)
          .setIgnoreEmptyLines(false)
          .setIgnoreHeaderCase(true)
          .build();

  private RecipientCsv() {}

  /**
   * The lines of {@code csv}; problems of form (missing columns, empty values) go to {@code
   * errors}.
   */
  static List<RecipientLine> read(Reader csv, List<FieldError> errors) throws IOException {
    List<RecipientLine> lines = new ArrayList<>();
    try (CSVParser parser = FORMAT.parse(csv)) {
      Map<String, Integer> header = parser.getHeaderMap();
      if (header == null || !header.containsKey(CUSTOMER_ID) || !header.containsKey(ARM)) {
        errors.add(
            new FieldError(
                "line 1",
                "the header must name the columns customer_id and arm, got "
                    + (header == null ? "nothing" : header.keySet())));
        return lines;
      }
      for (CSVRecord record : parser) {
        long line = record.getRecordNumber() + 1;
        if (record.size() == 1 && record.get(0).isEmpty()) {
          continue; // a blank line
        }
        String customer = record.isSet(CUSTOMER_ID) ? record.get(CUSTOMER_ID) : "";
        String arm = record.isSet(ARM) ? record.get(ARM) : "";
        if (customer.isEmpty()) {
          errors.add(new FieldError("line " + line + ".customer_id", "is empty"));
        }
        if (arm.isEmpty()) {
          errors.add(new FieldError("line " + line + ".arm", "is empty"));
        }
        if (!customer.isEmpty() && !arm.isEmpty()) {
          lines.add(new RecipientLine(line, customer, arm));
        }
      }
    } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
      // commons-csv reports an empty or repeated header name and malformed quoting as unchecked
      // exceptions; the message worth showing is the cause's, without the wrapper's class name
      Throwable why = e.getCause() != null ? e.getCause() : e;
      errors.add(new FieldError("body", "not valid CSV: " + why.getMessage()));
    }
    return lines;
  }
}
