package io.affinity.recommender.model;

import io.affinity.recommender.index.ItemFields;
import io.affinity.recommender.training.Signal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * An open index generation with its registry entry. Reference-counted through the reader: the
 * holder keeps one reference, each query takes one, and the index closes when the last is released
 * after a swap.
 */
public final class ServingModel {
  private final ModelInfo info;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final Map<String, String> names = new ConcurrentHashMap<>();
  private final AtomicReferenceArray<Document> documents;

  private ServingModel(ModelInfo info, DirectoryReader reader) {
    this.info = info;
    this.reader = reader;
    this.documents = new AtomicReferenceArray<>(reader.maxDoc());
    this.searcher = new IndexSearcher(reader);
    // Queries are small and many: one thread each, no intra-query concurrency.
    this.searcher.setQueryCache(null);
  }

  /** Opens the index of {@code info} in {@code dir}. */
  public static ServingModel open(ModelInfo info, Path dir) throws IOException {
    return new ServingModel(info, DirectoryReader.open(FSDirectory.open(dir)));
  }

  public ModelInfo info() {
    return info;
  }

  public IndexSearcher searcher() {
    return searcher;
  }

  /**
   * The best {@code n} hits of {@code query}, with the total hit count left inexact. {@code
   * IndexSearcher.search(query, n)} counts the first 1,000 hits exactly before it lets the scorers
   * skip documents that cannot make the top {@code n}; nothing here reads the count, so the
   * skipping starts as soon as {@code n} hits are collected. The hits are the same.
   */
  public TopDocs top(Query query, int n) throws IOException {
    return searcher.search(query, new TopScoreDocCollectorManager(n, n));
  }

  /**
   * The stored fields of document {@code doc}, decompressed once per model and then kept: every
   * answer reads the display fields of its items, and decompressing them was the largest single
   * cost of a request over HTTP (see docs/benchmarks.md). At most one small document per catalogue
   * item is kept; the caller must not modify it.
   */
  public Document document(int doc) {
    Document d = documents.get(doc);
    if (d == null) {
      try {
        d = searcher.storedFields().document(doc);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      documents.set(doc, d);
    }
    return d;
  }

  /**
   * The name of item {@code id}, or the id when it has none or is unknown; looked up once per model
   * and then cached, since reasons name the same popular items again and again.
   */
  public String nameOf(String id) {
    return names.computeIfAbsent(id, this::lookUpName);
  }

  /**
   * The indicators of {@code signal} of document {@code doc}, as {@code item TAB weight} lines, or
   * null when it has none.
   */
  public String indicatorLines(int doc, Signal signal) {
    BytesRef bytes = indicatorBytes(doc, signal);
    return bytes == null ? null : bytes.utf8ToString();
  }

  /** {@link #indicatorLines} as UTF-8 bytes, valid until the next call; null when none. */
  private BytesRef indicatorBytes(int doc, Signal signal) {
    try {
      List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
      BinaryDocValues values = leaf.reader().getBinaryDocValues(ItemFields.stored(signal));
      if (values == null || !values.advanceExact(doc - leaf.docBase)) {
        return null;
      }
      return values.binaryValue();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** An indicator of a document: the item it names and its LLR weight. */
  public record Indicator(String item, double weight) {}

  /**
   * The strongest indicator of {@code signal} on document {@code doc} whose item {@code wanted}
   * accepts, or null if none: what a reason names. Scans the stored lines without splitting them,
   * and parses a weight only for accepted items.
   */
  public Indicator strongestIndicator(int doc, Signal signal, Predicate<String> wanted) {
    String lines = indicatorLines(doc, signal);
    if (lines == null) {
      return null;
    }
    Indicator best = null;
    int start = 0;
    while (start < lines.length()) {
      int tab = lines.indexOf('\t', start);
      int end = lines.indexOf('\n', start);
      if (end < 0) {
        end = lines.length();
      }
      if (tab > start && tab < end) {
        String item = lines.substring(start, tab);
        if (wanted.test(item)) {
          double w = Double.parseDouble(lines.substring(tab + 1, end));
          if (best == null || w > best.weight()) {
            best = new Indicator(item, w);
          }
        }
      }
      start = end + 1;
    }
    return best;
  }

  /**
   * As {@link #strongestIndicator(int, Signal, Predicate)} for items given as UTF-8 bytes: the list
   * is scanned in place, and only the weights of wanted items and the winner's id are decoded (a
   * profile of a campaign send had 6% of its CPU in decoding whole lists for reasons).
   */
  public Indicator strongestIndicator(int doc, Signal signal, Set<BytesRef> wanted) {
    BytesRef lines = indicatorBytes(doc, signal);
    if (lines == null) {
      return null;
    }
    byte[] b = lines.bytes;
    int end = lines.offset + lines.length;
    BytesRef item = new BytesRef(b, 0, 0);
    int bestStart = -1;
    int bestLength = 0;
    double best = 0;
    int start = lines.offset;
    while (start < end) {
      int tab = -1;
      int eol = start;
      while (eol < end && b[eol] != '\n') {
        if (tab < 0 && b[eol] == '\t') {
          tab = eol;
        }
        eol++;
      }
      if (tab > start) {
        item.offset = start;
        item.length = tab - start;
        if (wanted.contains(item)) {
          double w =
              Double.parseDouble(new String(b, tab + 1, eol - tab - 1, StandardCharsets.US_ASCII));
          if (bestStart < 0 || w > best) {
            best = w;
            bestStart = start;
            bestLength = tab - start;
          }
        }
      }
      start = eol + 1;
    }
    return bestStart < 0
        ? null
        : new Indicator(new String(b, bestStart, bestLength, StandardCharsets.UTF_8), best);
  }

  private String lookUpName(String id) {
    try {
      TopDocs hit = searcher.search(new TermQuery(new Term(ItemFields.ID, id)), 1);
      if (hit.scoreDocs.length == 0) {
        return id;
      }
      String name = document(hit.scoreDocs[0].doc).get(ItemFields.NAME);
      return name != null ? name : id;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Takes a reference; false if the model has been closed meanwhile. */
  boolean tryAcquire() {
    return reader.tryIncRef();
  }

  /** Gives a reference back; the last one closes the index. */
  void release() {
    try {
      reader.decRef();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
