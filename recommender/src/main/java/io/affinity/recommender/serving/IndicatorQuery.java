package io.affinity.recommender.serving;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.HitQueue;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Scores each item by the sum of the weights of its indicators that name a history item: the same
 * scores as a disjunction of {@link FeatureField#newLinearQuery linear feature queries} with weight
 * 1, one per history item and indicator field, computed another way.
 *
 * <p>Why: a history's items are many short postings lists (an item is an indicator of a few dozen
 * others). The disjunction pays per clause for a terms enumerator, an impacts enumerator and their
 * index slices, which profiles put at about half a recommendation's CPU; the postings themselves
 * are cheap. Here each field's terms are looked up in sorted order with one enumerator, each list
 * is read with one reused postings enumerator and added into an array of scores per document.
 *
 * <p>The weights are read as {@link FeatureField} stores them, in the term frequency: the float's
 * bits shifted right by 15. {@code IndicatorQueryTest} checks the scores against the linear feature
 * queries, so a change of that encoding fails there.
 */
final class IndicatorQuery extends Query {
  private final Map<String, TreeSet<BytesRef>> termsByField;

  private IndicatorQuery(Map<String, TreeSet<BytesRef>> termsByField) {
    this.termsByField = termsByField;
  }

  /** Collects the (field, item) pairs of a query; an item added twice to a field counts once. */
  static final class Builder {
    private final Map<String, TreeSet<BytesRef>> terms = new TreeMap<>();
    private int size;

    void add(String field, String item) {
      if (terms.computeIfAbsent(field, f -> new TreeSet<>()).add(new BytesRef(item))) {
        size++;
      }
    }

    /** How many distinct (field, item) pairs were added. */
    int size() {
      return size;
    }

    IndicatorQuery build() {
      Map<String, TreeSet<BytesRef>> copy = new TreeMap<>();
      terms.forEach((field, items) -> copy.put(field, new TreeSet<>(items)));
      return new IndicatorQuery(copy);
    }
  }

  /** The weight {@link FeatureField} stored as term frequency {@code freq}. */
  static float decode(int freq) {
    return Float.intBitsToFloat(freq << 15);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new Weight(this) {
      @Override
      public Scorer scorer(LeafReaderContext context) throws IOException {
        Sums sums = sums(context);
        return sums == null ? null : sums.scorer(this, boost);
      }

      @Override
      public Explanation explain(LeafReaderContext context, int doc) throws IOException {
        Sums sums = sums(context);
        float score = sums == null ? 0 : sums.scoreOf(doc);
        return score > 0
            ? Explanation.match(boost * score, "sum of the weights of the matching indicators")
            : Explanation.noMatch("no indicator names a history item");
      }

      @Override
      public boolean isCacheable(LeafReaderContext ctx) {
        return false; // a history is rarely queried twice
      }
    };
  }

  /**
   * The documents of one segment that an indicator of the query matches, in increasing order, with
   * their scores.
   */
  private record Sums(int[] docs, float[] scores, float max) {
    /** The score of {@code doc}, 0 if it is not matched. */
    float scoreOf(int doc) {
      int i = Arrays.binarySearch(docs, doc);
      return i < 0 ? 0 : scores[i];
    }

    Scorer scorer(Weight weight, float boost) {
      return new Scorer(weight) {
        private int i = -1;

        private final DocIdSetIterator iterator =
            new DocIdSetIterator() {
              @Override
              public int docID() {
                return i < 0 ? -1 : i < docs.length ? docs[i] : NO_MORE_DOCS;
              }

              @Override
              public int nextDoc() {
                i = Math.min(i + 1, docs.length);
                return docID();
              }

              @Override
              public int advance(int target) {
                int from = Math.min(i + 1, docs.length);
                int found = Arrays.binarySearch(docs, from, docs.length, target);
                i = found >= 0 ? found : -found - 1;
                return docID();
              }

              @Override
              public long cost() {
                return docs.length;
              }
            };

        @Override
        public DocIdSetIterator iterator() {
          return iterator;
        }

        @Override
        public int docID() {
          return iterator.docID();
        }

        @Override
        public float score() {
          return boost * scores[i];
        }

        @Override
        public float getMaxScore(int upTo) {
          return boost * max;
        }
      };
    }
  }

  /**
   * Arrays over a segment's documents for adding up scores, kept between queries: a query touches a
   * few thousand documents at most, and clearing those is far cheaper than allocating and zeroing
   * arrays over the whole catalogue (400 KB at 100,000 items) each time. They are only used within
   * {@link #sums}, which calls nothing that could use them again.
   *
   * <p>They are lent from a shared stack rather than kept per thread: a server has dozens of
   * request threads but only as many cores running {@link #sums} at once, and the last returned
   * arrays, taken first, are the ones still in the CPU's caches. With one array per thread, the
   * random adds into them were the larger part of the query's time under load.
   */
  private static final class Scratch {
    float[] scores = new float[0];
    FixedBitSet docs = new FixedBitSet(0);
    // The enumerators of the segment last queried, by field: a new terms enumerator builds its
    // frames and arcs again as it seeks, a fifth of a request's garbage in a profile over HTTP.
    // Those of a closed model are kept until the next query replaces them, and never used.
    LeafReader reader;
    final Map<String, Enums> enums = new HashMap<>();

    void ensure(int maxDoc) {
      if (scores.length < maxDoc) {
        scores = new float[maxDoc];
        docs = new FixedBitSet(maxDoc);
      }
    }

    /** The enumerators of {@code field} in {@code leaf}, null if it has no such field. */
    Enums enums(LeafReader leaf, String field) throws IOException {
      if (leaf != reader) {
        reader = leaf;
        enums.clear();
      }
      Enums e = enums.get(field);
      if (e == null) {
        Terms terms = leaf.terms(field);
        if (terms == null) {
          return null;
        }
        e = new Enums(terms.iterator());
        enums.put(field, e);
      }
      return e;
    }
  }

  /** A field's terms enumerator and the postings enumerator reused for its terms. */
  private static final class Enums {
    final TermsEnum terms;
    PostingsEnum postings;

    Enums(TermsEnum terms) {
      this.terms = terms;
    }
  }

  private static final ConcurrentLinkedDeque<Scratch> SCRATCH = new ConcurrentLinkedDeque<>();

  private Sums sums(LeafReaderContext context) throws IOException {
    Scratch scratch = SCRATCH.pollFirst();
    if (scratch == null) {
      scratch = new Scratch();
    }
    Sums sums = sums(context, scratch);
    // Returned only when left cleared: after an exception the arrays are dropped.
    SCRATCH.offerFirst(scratch);
    return sums;
  }

  private Sums sums(LeafReaderContext context, Scratch scratch) throws IOException {
    int maxDoc = context.reader().maxDoc();
    scratch.ensure(maxDoc);
    FixedBitSet docs = scratch.docs;
    float[] scores = scratch.scores;
    int count = 0;
    for (Map.Entry<String, TreeSet<BytesRef>> field : termsByField.entrySet()) {
      Enums e = scratch.enums(context.reader(), field.getKey());
      if (e == null) {
        continue;
      }
      for (BytesRef term : field.getValue()) {
        if (!e.terms.seekExact(term)) {
          continue;
        }
        PostingsEnum postings = e.terms.postings(e.postings, PostingsEnum.FREQS);
        e.postings = postings;
        for (int d = postings.nextDoc();
            d != DocIdSetIterator.NO_MORE_DOCS;
            d = postings.nextDoc()) {
          if (!docs.getAndSet(d)) {
            count++;
          }
          scores[d] += decode(postings.freq());
        }
      }
    }
    if (count == 0) {
      return null;
    }
    // Copied out in document order, and the scratch arrays left cleared for the next query.
    int[] hitDocs = new int[count];
    float[] hitScores = new float[count];
    float max = 0;
    int k = 0;
    for (int d = docs.nextSetBit(0); k < count; d = k < count ? docs.nextSetBit(d + 1) : d) {
      hitDocs[k] = d;
      hitScores[k] = scores[d];
      max = Math.max(max, scores[d]);
      scores[d] = 0;
      docs.clear(d);
      k++;
    }
    return new Sums(hitDocs, hitScores, max);
  }

  /**
   * The best {@code n} documents of {@code reader} that {@code accept} accepts (by index-wide
   * document id), by score and then document, as {@code IndexSearcher} would find them under a
   * filter, straight from the sums: without a searcher's scorers and collector, whose bookkeeping
   * (the minimum competitive score, which these sums cannot use to skip) took about a tenth of a
   * request's CPU in a profile over HTTP.
   */
  TopDocs top(IndexReader reader, int n, Bits accept) throws IOException {
    HitQueue best = new HitQueue(n, false);
    int hits = 0;
    for (LeafReaderContext leaf : reader.leaves()) {
      Sums sums = sums(leaf);
      if (sums == null) {
        continue;
      }
      for (int i = 0; i < sums.docs.length; i++) {
        int doc = leaf.docBase + sums.docs[i];
        if (!accept.get(doc)) {
          continue;
        }
        hits++;
        float score = sums.scores[i];
        if (best.size() < n) {
          best.add(new ScoreDoc(doc, score));
        } else if (score > best.top().score) { // documents come in order: a tie keeps the first
          best.top().doc = doc;
          best.top().score = score;
          best.updateTop();
        }
      }
    }
    ScoreDoc[] top = new ScoreDoc[best.size()];
    for (int i = top.length - 1; i >= 0; i--) {
      top[i] = best.pop();
    }
    return new TopDocs(new TotalHits(hits, TotalHits.Relation.EQUAL_TO), top);
  }

  @Override
  public void visit(QueryVisitor visitor) {
    termsByField.forEach(
        (field, items) -> {
          if (visitor.acceptField(field)) {
            List<org.apache.lucene.index.Term> terms = new ArrayList<>();
            for (BytesRef item : items) {
              terms.add(new org.apache.lucene.index.Term(field, item));
            }
            visitor.consumeTerms(this, terms.toArray(new org.apache.lucene.index.Term[0]));
          }
        });
  }

  @Override
  public String toString(String field) {
    StringBuilder s = new StringBuilder("IndicatorQuery(");
    termsByField.forEach(
        (f, items) -> {
          for (BytesRef item : items) {
            s.append(' ').append(f).append(':').append(item.utf8ToString());
          }
        });
    return s.append(" )").toString();
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other) && termsByField.equals(((IndicatorQuery) other).termsByField);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), termsByField);
  }
}
