package io.affinity.recommender.index;

import io.affinity.core.progress.ProgressListener;
import io.affinity.recommender.model.IndicatorsFile;
import io.affinity.recommender.training.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Builds an index generation from an indicators file and the catalogue: every product gets a
 * document, with indicators where training found some.
 */
public final class IndexBuilder {
  /** Feature values must be positive: an item nobody bought still gets this popularity. */
  private static final float MIN_FEATURE = 1e-3f;

  private IndexBuilder() {}

  /** Writes the index into {@code dir} (a new, empty directory); returns the document count. */
  public static int build(
      Path indicatorsFile,
      Map<String, CatalogueItem> catalogue,
      Path dir,
      ProgressListener progress) {
    IndexWriterConfig config =
        new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    config.setRAMBufferSizeMB(256);
    Set<String> indexed = new HashSet<>();
    progress.start("Building index", catalogue.size());
    try (FSDirectory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, config)) {
      IndicatorsFile.read(
          indicatorsFile,
          entry -> {
            CatalogueItem item = catalogue.get(entry.item());
            if (item != null && indexed.add(entry.item())) {
              add(writer, item, entry);
              progress.advance(1);
            }
          });
      for (CatalogueItem item : catalogue.values()) {
        if (indexed.add(item.id())) {
          add(writer, item, new IndicatorsFile.Entry(item.id(), 0, 0, 0, 0f, Map.of()));
          progress.advance(1);
        }
      }
      writer.forceMerge(1); // a read-only generation: one segment is fastest to search
      long maxRowId = catalogue.values().stream().mapToLong(CatalogueItem::rowId).max().orElse(-1);
      if (maxRowId >= 0) {
        writer.setLiveCommitData(Map.of(ItemFields.MAX_ROW_ID, Long.toString(maxRowId)).entrySet());
      }
      writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not build the index in " + dir, e);
    } finally {
      progress.finish();
    }
    return indexed.size();
  }

  private static void add(IndexWriter writer, CatalogueItem item, IndicatorsFile.Entry entry) {
    Document doc = new Document();
    doc.add(new StringField(ItemFields.ID, item.id(), Field.Store.YES));
    if (item.rowId() >= 0) {
      doc.add(new StoredField(ItemFields.ROW_ID, item.rowId()));
    }
    if (item.name() != null) {
      doc.add(new StoredField(ItemFields.NAME, item.name()));
    }
    if (item.categoryPath() != null && !item.categoryPath().isBlank()) {
      doc.add(new StoredField(ItemFields.CATEGORY_PATH, item.categoryPath()));
      for (String prefix : Categories.prefixes(item.categoryPath())) {
        doc.add(new StringField(ItemFields.CATEGORY, prefix, Field.Store.NO));
      }
    }
    if (item.brand() != null) {
      doc.add(new StringField(ItemFields.BRAND, item.brand(), Field.Store.YES));
    }
    if (item.price() != null) {
      doc.add(new DoublePoint(ItemFields.PRICE, item.price().doubleValue()));
      doc.add(new StoredField(ItemFields.PRICE, item.price().doubleValue()));
    }
    if (item.margin() != null) {
      doc.add(new DoublePoint(ItemFields.MARGIN, item.margin().doubleValue()));
      doc.add(new StoredField(ItemFields.MARGIN, item.margin().doubleValue()));
    }
    doc.add(
        new StringField(ItemFields.IN_STOCK, Boolean.toString(item.inStock()), Field.Store.YES));
    doc.add(
        new FeatureField(ItemFields.STATS, ItemFields.POPULARITY, entry.buyers() + MIN_FEATURE));
    // Trend: buyers in the last 30 days against the 30 before, smoothed so one sale is no trend.
    float trend = (entry.recentBuyers() + 1f) / (entry.priorBuyers() + 1f);
    doc.add(new FeatureField(ItemFields.STATS, ItemFields.TREND, trend));
    doc.add(new StoredField(ItemFields.BUYERS, entry.buyers()));
    doc.add(new StoredField(ItemFields.REPEAT_DAYS, entry.repeatDays()));
    for (Map.Entry<Signal, List<IndicatorsFile.Indicator>> e : entry.indicators().entrySet()) {
      StringBuilder stored = new StringBuilder();
      // Strongest first (as trained, made sure of here): a reason is the first wanted line.
      List<IndicatorsFile.Indicator> strongestFirst = new ArrayList<>(e.getValue());
      strongestFirst.sort(Comparator.comparingDouble(IndicatorsFile.Indicator::llr).reversed());
      for (IndicatorsFile.Indicator ind : strongestFirst) {
        doc.add(
            new FeatureField(
                ItemFields.indicators(e.getKey()), ind.item(), Math.max(MIN_FEATURE, ind.llr())));
        stored.append(ind.item()).append('\t').append(ind.llr()).append('\n');
      }
      // Doc values, not a stored field: the display fields stay small and cheap to read.
      doc.add(
          new BinaryDocValuesField(ItemFields.stored(e.getKey()), new BytesRef(stored.toString())));
    }
    try {
      writer.addDocument(doc);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
