package io.affinity.core.importer;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A line of the Online Retail file after cleaning: what it becomes, and the values that go into the
 * event when it becomes one.
 *
 * <p>{@code customerId} and {@code country} are set whenever the line names a usable customer, also
 * for skipped lines, because every customer of the file is imported even if none of their lines is
 * a sale. The sale fields ({@code stockCode} to {@code time}) are set only for {@link
 * LineOutcome#isEvent() events}; {@code quantity} is then positive, also for returns.
 *
 * @param problem why a line is {@link LineOutcome#OTHER}, in words; null otherwise
 */
public record ClassifiedLine(
    LineOutcome outcome,
    long lineNumber,
    @Nullable String customerId,
    @Nullable String country,
    @Nullable String stockCode,
    @Nullable String description,
    @Nullable String invoiceNo,
    int quantity,
    @Nullable BigDecimal unitPrice,
    @Nullable Instant time,
    @Nullable String problem) {

  static ClassifiedLine skipped(
      LineOutcome outcome,
      RetailLine line,
      @Nullable String customerId,
      @Nullable String country,
      @Nullable String problem) {
    return new ClassifiedLine(
        outcome, line.lineNumber(), customerId, country, null, null, null, 0, null, null, problem);
  }
}
