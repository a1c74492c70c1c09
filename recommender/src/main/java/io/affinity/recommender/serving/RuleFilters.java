package io.affinity.recommender.serving;

import io.affinity.recommender.index.ItemFields;
import io.affinity.recommender.model.ServingModel;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Turns {@link Rules} into Lucene filters: clauses around a scoring query, or the set of documents
 * a model's hits are tested against (see {@link ServingModel#top(Query, int, Bits)}).
 */
final class RuleFilters {
  private RuleFilters() {}

  /**
   * The documents of {@code model} that {@code rules} allow, less the {@code excluded} items: a
   * copy of the rules' documents (kept per model), which the caller may narrow further. The copy is
   * written into {@code into} when it has the model's size (a bit set a caller reuses: a new one
   * per request was a tenth of a request's garbage over HTTP), else into a new set.
   */
  static FixedBitSet accepted(
      ServingModel model, Rules rules, Set<String> excluded, @Nullable FixedBitSet into)
      throws IOException {
    FixedBitSet allowed = model.matching(filter(rules));
    FixedBitSet docs =
        into != null && into.length() == allowed.length()
            ? into
            : new FixedBitSet(allowed.length());
    long[] from = allowed.getBits();
    System.arraycopy(from, 0, docs.getBits(), 0, from.length);
    for (String item : excluded) {
      int doc = model.docOf(item);
      if (doc >= 0) {
        docs.clear(doc);
      }
    }
    return docs;
  }

  /** The query matching what {@code rules} allow, null when they allow everything. */
  static Query filter(Rules rules) {
    Query all = new MatchAllDocsQuery();
    Query filtered = apply(all, rules, Set.of());
    return filtered instanceof BooleanQuery b && b.clauses().size() == 1 ? null : filtered;
  }

  /** {@code scoring}, restricted by {@code rules} and never matching {@code excluded} items. */
  static Query apply(Query scoring, Rules rules, Set<String> excluded) {
    BooleanQuery.Builder q = new BooleanQuery.Builder().add(scoring, Occur.MUST);
    if (rules.inStockOnly()) {
      q.add(new TermQuery(new Term(ItemFields.IN_STOCK, "true")), Occur.FILTER);
    }
    if (!rules.includeCategories().isEmpty()) {
      q.add(new TermInSetQuery(ItemFields.CATEGORY, refs(rules.includeCategories())), Occur.FILTER);
    }
    if (!rules.excludeCategories().isEmpty()) {
      q.add(
          new TermInSetQuery(ItemFields.CATEGORY, refs(rules.excludeCategories())), Occur.MUST_NOT);
    }
    if (rules.minPrice() != null || rules.maxPrice() != null) {
      double min = rules.minPrice() == null ? Double.NEGATIVE_INFINITY : rules.minPrice();
      double max = rules.maxPrice() == null ? Double.POSITIVE_INFINITY : rules.maxPrice();
      q.add(DoublePoint.newRangeQuery(ItemFields.PRICE, min, max), Occur.FILTER);
    }
    if (!excluded.isEmpty()) {
      q.add(new TermInSetQuery(ItemFields.ID, refs(excluded)), Occur.MUST_NOT);
    }
    return q.build();
  }

  private static List<BytesRef> refs(Set<String> values) {
    return values.stream().map(BytesRef::new).toList();
  }
}
