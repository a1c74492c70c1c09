package io.affinity.recommender.model;

import io.affinity.recommender.index.ItemFields;
import io.affinity.recommender.training.Signal;
import io.micronaut.core.annotation.Nullable;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

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
  private final Object2IntOpenHashMap<String> docsById;
  private final Map<Query, FixedBitSet> matching = new ConcurrentHashMap<>();
  private final Map<Signal, IndicatorTable> indicators = new EnumMap<>(Signal.class);
  private final long maxRowId;
  private final Ranking popular;
  private final Ranking trending;

  private ServingModel(ModelInfo info, DirectoryReader reader) throws IOException {
    this.info = info;
    this.reader = reader;
    String max = reader.getIndexCommit().getUserData().get(ItemFields.MAX_ROW_ID);
    // An index built before row ids were recorded cannot tell new products from old ones.
    this.maxRowId = max == null ? Long.MAX_VALUE : Long.parseLong(max);
    this.documents = new AtomicReferenceArray<>(reader.maxDoc());
    this.searcher = new IndexSearcher(reader);
    // Queries are small and many: one thread each, no intra-query concurrency.
    this.searcher.setQueryCache(null);
    this.docsById = docsById(reader);
    for (Signal signal : Signal.values()) {
      indicators.put(signal, IndicatorTable.read(reader, signal, docsById));
    }
    this.popular = Ranking.of(searcher, ItemFields.POPULARITY);
    this.trending = Ranking.of(searcher, ItemFields.TREND);
  }

  /** Filters kept per model: distinct rule sets are few, each bit set 12.5 KB per 100,000 items. */
  private static final int MATCHING_KEPT = 256;

  private static Object2IntOpenHashMap<String> docsById(DirectoryReader reader) throws IOException {
    Object2IntOpenHashMap<String> docs = new Object2IntOpenHashMap<>(reader.maxDoc());
    docs.defaultReturnValue(-1);
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(ItemFields.ID);
      if (terms == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      TermsEnum te = terms.iterator();
      PostingsEnum postings = null;
      for (BytesRef id = te.next(); id != null; id = te.next()) {
        postings = te.postings(postings, PostingsEnum.NONE);
        for (int d = postings.nextDoc();
            d != DocIdSetIterator.NO_MORE_DOCS;
            d = postings.nextDoc()) {
          if (live == null || live.get(d)) {
            docs.put(id.utf8ToString(), leaf.docBase + d);
          }
        }
      }
    }
    return docs;
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
   * The best {@code n} hits of {@code query} among the documents {@code accept} accepts (by
   * index-wide document id): see {@link AcceptingCollectorManager} for why filters are applied to
   * the hits rather than as clauses of the query.
   */
  public TopDocs top(Query query, int n, Bits accept) throws IOException {
    return searcher.search(query, new AcceptingCollectorManager(n, accept));
  }

  /**
   * Every document with a popularity (or, with {@code trend}, a trend) score, best first: what a
   * list falls back to, ranked once when the model opens rather than scored again by every request.
   */
  public Ranking ranking(boolean trend) {
    return trend ? trending : popular;
  }

  /**
   * The largest product row id in the catalogue the index was built from: products with a larger
   * one were added since (new to the model); {@link Long#MAX_VALUE} for an index that does not
   * record it, or one built without a database (evaluation).
   */
  public long maxRowId() {
    return maxRowId;
  }

  /** The product row id of document {@code doc}, or -1 when the index holds none. */
  public long rowIdOf(int doc) {
    org.apache.lucene.index.IndexableField f = document(doc).getField(ItemFields.ROW_ID);
    return f == null ? -1 : f.numericValue().longValue();
  }

  /** Whether document {@code doc} has indicators of {@code signal}: co-occurrence was found. */
  public boolean hasIndicators(int doc, Signal signal) {
    return indicatorBytes(doc, signal) != null;
  }

  /** The document of item {@code id}, or -1 if the model has no such item. */
  public int docOf(String id) {
    return docsById.getInt(id);
  }

  /**
   * The documents that {@code filter} matches, every live document for null; computed once per
   * model and filter (queries compare by value), so that a rule set costs a bit test per hit. The
   * caller must not modify the set.
   */
  public FixedBitSet matching(@Nullable Query filter) throws IOException {
    Query key = filter == null ? new MatchAllDocsQuery() : filter;
    FixedBitSet kept = matching.get(key);
    if (kept != null) {
      return kept;
    }
    FixedBitSet docs = new FixedBitSet(reader.maxDoc());
    searcher.search(
        new ConstantScoreQuery(key),
        new CollectorManager<SimpleCollector, Void>() {
          @Override
          public SimpleCollector newCollector() {
            return new SimpleCollector() {
              private int base;

              @Override
              protected void doSetNextReader(LeafReaderContext context) {
                base = context.docBase;
              }

              @Override
              public void collect(int doc) {
                docs.set(base + doc);
              }

              @Override
              public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
              }
            };
          }

          @Override
          public Void reduce(java.util.Collection<SimpleCollector> collectors) {
            return null;
          }
        });
    if (matching.size() >= MATCHING_KEPT) {
      matching.clear();
    }
    matching.put(key, docs);
    return docs;
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
   * The strongest indicator of {@code signal} on each of {@code docs}, in their order, whose item's
   * document {@code wanted} accepts, or null where none does: what the reasons of a recommendation
   * name. From the indicators held in memory ({@link IndicatorTable}); the same as {@link
   * #strongestIndicator(int, Signal, Predicate)} for the ids of the wanted documents.
   */
  public Indicator[] strongestIndicators(int[] docs, Signal signal, IntPredicate wanted) {
    IndicatorTable table = indicators.get(signal);
    Indicator[] out = new Indicator[docs.length];
    for (int i = 0; i < docs.length; i++) {
      int k = table.strongest(docs[i], wanted);
      if (k >= 0) {
        out[i] = new Indicator(document(table.item(k)).get(ItemFields.ID), table.weight(k));
      }
    }
    return out;
  }

  private String lookUpName(String id) {
    int doc = docOf(id);
    String name = doc < 0 ? null : document(doc).get(ItemFields.NAME);
    return name != null ? name : id;
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
