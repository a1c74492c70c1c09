package io.affinity.recommender.model;

import io.affinity.recommender.index.ItemFields;
import io.affinity.recommender.training.Signal;
import it.unimi.dsi.fastutil.objects.Object2IntMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntPredicate;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.BytesRef;

/**
 * The indicators of one signal of every item, as the documents of their items and their weights,
 * strongest first: what a reason looks up, read out of the doc values once when the model opens. A
 * reason then tests a few ints against the query's items instead of scanning and hashing the stored
 * lines of every recommended item (a fifth of a request's CPU in a profile over HTTP). About 12
 * bytes per indicator: 18 MB for 1.5 million.
 */
final class IndicatorTable {
  private final int[] start; // by document: where its indicators begin; start[maxDoc] ends them
  private final int[] items; // the document of each indicator's item, -1 if not in the model
  private final double[] weights;

  private IndicatorTable(int[] start, int[] items, double[] weights) {
    this.start = start;
    this.items = items;
    this.weights = weights;
  }

  /** Reads the indicators of {@code signal} of every document of {@code reader}. */
  static IndicatorTable read(DirectoryReader reader, Signal signal, Object2IntMap<String> docsById)
      throws IOException {
    int[] start = new int[reader.maxDoc() + 1];
    int[] items = new int[1024];
    double[] weights = new double[1024];
    int n = 0;
    BytesRef item = new BytesRef();
    for (LeafReaderContext leaf : reader.leaves()) {
      BinaryDocValues values = leaf.reader().getBinaryDocValues(ItemFields.stored(signal));
      int end = leaf.docBase + leaf.reader().maxDoc();
      for (int doc = leaf.docBase; doc < end; doc++) {
        start[doc] = n;
        if (values == null || !values.advanceExact(doc - leaf.docBase)) {
          continue;
        }
        BytesRef lines = values.binaryValue();
        byte[] b = lines.bytes;
        int stop = lines.offset + lines.length;
        for (int from = lines.offset; from < stop; ) {
          int eol = from;
          int tab = -1;
          while (eol < stop && b[eol] != '\n') {
            if (tab < 0 && b[eol] == '\t') {
              tab = eol;
            }
            eol++;
          }
          if (tab > from) {
            if (n == items.length) {
              items = Arrays.copyOf(items, n * 2);
              weights = Arrays.copyOf(weights, n * 2);
            }
            item.bytes = b;
            item.offset = from;
            item.length = tab - from;
            items[n] = docsById.getInt(item.utf8ToString());
            weights[n] =
                Double.parseDouble(
                    new String(b, tab + 1, eol - tab - 1, StandardCharsets.US_ASCII));
            n++;
          }
          from = eol + 1;
        }
      }
    }
    start[reader.maxDoc()] = n;
    return new IndicatorTable(start, Arrays.copyOf(items, n), Arrays.copyOf(weights, n));
  }

  /**
   * The position of the strongest indicator of document {@code doc} whose item's document {@code
   * wanted} accepts, or -1: the first such, the indicators being strongest first.
   */
  int strongest(int doc, IntPredicate wanted) {
    for (int k = start[doc]; k < start[doc + 1]; k++) {
      if (items[k] >= 0 && wanted.test(items[k])) {
        return k;
      }
    }
    return -1;
  }

  /** The document of the item of the indicator at {@code k}. */
  int item(int k) {
    return items[k];
  }

  /** The weight of the indicator at {@code k}. */
  double weight(int k) {
    return weights[k];
  }
}
