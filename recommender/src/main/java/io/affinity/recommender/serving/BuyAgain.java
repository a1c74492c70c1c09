package io.affinity.recommender.serving;

import io.affinity.recommender.index.ItemFields;
import io.affinity.recommender.index.LiveCatalogue;
import io.affinity.recommender.index.LiveItem;
import io.affinity.recommender.model.ModelHolder;
import io.affinity.recommender.model.ServingModel;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * "Buy again": items the customer buys repeatedly that are due now. The interval is the customer's
 * own (mean days between their purchases of the item) when they bought it on two or more days, else
 * the item's typical repeat interval learned in training. An item is due from {@link #DUE_FROM} of
 * its interval and counts as lapsed after {@link #LAPSED_AFTER} intervals; items closest to exactly
 * due rank first.
 */
@Singleton
public class BuyAgain {
  static final double DUE_FROM = 0.8;
  static final double LAPSED_AFTER = 4.0;
  private static final double DAY = Duration.ofDays(1).toMillis();

  private final ModelHolder models;
  @Nullable private final LiveCatalogue live;

  /** Buy-again on the index alone (no database). */
  public BuyAgain(ModelHolder models) {
    this(models, null);
  }

  /** Buy-again whose rules and shown fields read {@code live} (the products table) now. */
  @Inject
  public BuyAgain(ModelHolder models, @Nullable LiveCatalogue live) {
    this.models = models;
    this.live = live;
  }

  /** Up to {@code limit} items of {@code purchases} due at {@code at}, under {@code rules}. */
  public RecommendationList due(
      Map<String, List<Long>> purchases, Rules rules, Instant at, int limit) {
    return models.withModel(m -> run(m, purchases, rules, at, limit));
  }

  private RecommendationList run(
      ServingModel model, Map<String, List<Long>> purchases, Rules rules, Instant at, int limit) {
    if (purchases.isEmpty()) {
      return new RecommendationList(model.info().version(), 0, List.of());
    }
    try {
      IndexSearcher searcher = model.searcher();
      List<BytesRef> ids = purchases.keySet().stream().map(BytesRef::new).toList();
      LiveItems view = new LiveItems(model, live);
      Query candidates =
          RuleFilters.apply(
              new TermInSetQuery(ItemFields.ID, ids),
              view.live() ? rules.candidates() : rules,
              Set.copyOf(rules.excludeItems()));
      TopDocs docs = searcher.search(candidates, purchases.size());
      List<Integer> found = new ArrayList<>();
      for (ScoreDoc hit : docs.scoreDocs) {
        found.add(hit.doc);
      }
      view.load(found, List.of(), false);
      List<Recommendation> due = new ArrayList<>();
      for (ScoreDoc hit : docs.scoreDocs) {
        Document doc = model.document(hit.doc);
        LiveItem now = view.of(hit.doc);
        if (now == null || (view.live() && !rules.accepts(now))) {
          continue; // deleted, or no longer passing the rules (out of stock, repriced)
        }
        String item = doc.get(ItemFields.ID);
        List<Long> times = purchases.get(item);
        double interval = ownInterval(times);
        String basis = "you buy it about every %d days";
        if (interval <= 0) {
          interval = doc.getField(ItemFields.REPEAT_DAYS).numericValue().doubleValue();
          basis = "customers buy it again about every %d days";
        }
        if (interval <= 0) {
          continue; // not something people buy again
        }
        double elapsed = (at.toEpochMilli() - times.get(times.size() - 1)) / DAY;
        double ratio = elapsed / interval;
        if (ratio < DUE_FROM || ratio > LAPSED_AFTER) {
          continue;
        }
        double score = 1.0 / (1.0 + Math.abs(Math.log(ratio)));
        String text =
            String.format(basis, Math.round(interval))
                + "; last bought "
                + Math.round(elapsed)
                + " days ago";
        due.add(Recommender.item(now, score, new Reason("buy_again", item, text)));
      }
      due.sort(Comparator.comparingDouble(Recommendation::score).reversed());
      List<Recommendation> top = due.subList(0, Math.min(limit, due.size()));
      return new RecommendationList(model.info().version(), top.size(), new ArrayList<>(top));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Mean days between purchases on distinct days, or 0 if bought on fewer than two days. */
  static double ownInterval(List<Long> times) {
    Set<Long> days = new HashSet<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (long t : times) {
      days.add(Math.floorDiv(t, (long) DAY));
      first = Math.min(first, t);
      last = Math.max(last, t);
    }
    return days.size() < 2 ? 0 : (last - first) / DAY / (days.size() - 1);
  }
}
