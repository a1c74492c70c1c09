package io.affinity.recommender.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FilterCollector;
import org.apache.lucene.search.FilterLeafCollector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.util.Bits;

/**
 * The best hits of a query among the documents a {@link Bits} accepts (by index-wide document id).
 *
 * <p>Why not filter clauses in the query: a scoring disjunction alone is scored by Lucene's
 * MaxScore bulk scorer, window by window into arrays; the same disjunction under a filter or an
 * exclusion clause is scored by WAND, document by document through a heap of its clauses, which
 * cost 5 to 10 times more per matched posting in profiles of a campaign send. The filters are cheap
 * to test per hit instead: the rules' documents are computed once per model ({@link
 * ServingModel#matching}). Hits the filter rejects never reach the top-n collector, so its minimum
 * competitive score stays that of accepted hits.
 */
final class AcceptingCollectorManager
    implements CollectorManager<AcceptingCollectorManager.Accepting, TopDocs> {
  private final TopScoreDocCollectorManager top;
  private final Bits accept;

  /** The best {@code n} accepted hits, with the total hit count left inexact. */
  AcceptingCollectorManager(int n, Bits accept) {
    // Not shared between threads (the searcher has no executor: one collector per search), so
    // without the minimum score shared through an accumulator, which took 3% of a recommendation
    // request's CPU in a profile.
    this.top = new TopScoreDocCollectorManager(n, null, n, false);
    this.accept = accept;
  }

  @Override
  public Accepting newCollector() throws IOException {
    return new Accepting(top.newCollector(), accept);
  }

  @Override
  public TopDocs reduce(Collection<Accepting> collectors) throws IOException {
    List<TopScoreDocCollector> inner = new ArrayList<>(collectors.size());
    for (Accepting c : collectors) {
      inner.add(c.inner);
    }
    return top.reduce(inner);
  }

  /** A top-n collector that sees only the accepted documents. */
  static final class Accepting extends FilterCollector {
    private final TopScoreDocCollector inner;
    private final Bits accept;

    Accepting(TopScoreDocCollector inner, Bits accept) {
      super(inner);
      this.inner = inner;
      this.accept = accept;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      int base = context.docBase;
      return new FilterLeafCollector(super.getLeafCollector(context)) {
        @Override
        public void collect(int doc) throws IOException {
          if (accept.get(base + doc)) {
            in.collect(doc);
          }
        }
      };
    }
  }
}
