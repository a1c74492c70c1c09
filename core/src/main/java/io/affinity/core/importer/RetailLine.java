package io.affinity.core.importer;

import io.micronaut.core.annotation.Nullable;

/**
 * One line of the Online Retail file as it was written, before any cleaning. Fields are null when
 * the line does not have them.
 *
 * @param lineNumber where the line starts in the file; the header is line 1
 * @param wellFormed whether the line has exactly the columns of the header
 */
public record RetailLine(
    long lineNumber,
    @Nullable String invoiceNo,
    @Nullable String stockCode,
    @Nullable String description,
    @Nullable String quantity,
    @Nullable String invoiceDate,
    @Nullable String unitPrice,
    @Nullable String customerId,
    @Nullable String country,
    boolean wellFormed) {}
