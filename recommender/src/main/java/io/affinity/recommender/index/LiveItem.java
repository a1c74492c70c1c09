package io.affinity.recommender.index;

import io.micronaut.core.annotation.Nullable;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;

/**
 * A product as it is now: what rules filter on and answers show. Read from the products table for
 * each request ({@link LiveCatalogue}), or taken from the index where there is no database
 * (evaluation, benchmarks).
 *
 * @param rowId the product's row id, -1 when unknown
 * @param margin price minus cost, null when either is unknown
 * @param attributes the product's attributes as stored (a JSON object), null when none
 */
public record LiveItem(
    String id,
    long rowId,
    @Nullable String name,
    @Nullable String categoryPath,
    @Nullable String brand,
    @Nullable Double price,
    @Nullable Double margin,
    boolean inStock,
    @Nullable String url,
    @Nullable String imageUrl,
    @Nullable String attributes) {

  /** The item as the index stored it at training time. */
  public static LiveItem of(Document doc) {
    IndexableField row = doc.getField(ItemFields.ROW_ID);
    return new LiveItem(
        doc.get(ItemFields.ID),
        row == null ? -1 : row.numericValue().longValue(),
        doc.get(ItemFields.NAME),
        doc.get(ItemFields.CATEGORY_PATH),
        doc.get(ItemFields.BRAND),
        number(doc, ItemFields.PRICE),
        number(doc, ItemFields.MARGIN),
        Boolean.parseBoolean(doc.get(ItemFields.IN_STOCK)),
        null,
        null,
        null);
  }

  private static Double number(Document d, String field) {
    IndexableField f = d.getField(field);
    return f == null ? null : f.numericValue().doubleValue();
  }
}
