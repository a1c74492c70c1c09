package io.affinity.recommender.serving;

import io.affinity.recommender.index.Categories;
import io.affinity.recommender.index.ItemFields;
import io.affinity.recommender.model.ModelHolder;
import io.affinity.recommender.model.ServingModel;
import io.affinity.recommender.training.Signal;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * Answers recommendation queries against the served model. The history's items are looked up in the
 * indicator fields (score = sum of LLR weights of the matched indicators), rules filter and boost,
 * and popularity fills what personalisation leaves short.
 */
@Singleton
public class Recommender {
  /** Candidates fetched per requested item, so that boosts can reorder them. */
  private static final int OVERSAMPLE = 3;

  private final ModelHolder models;

  public Recommender(ModelHolder models) {
    this.models = models;
  }

  /**
   * Up to {@code limit} items for {@code history} under {@code rules}, never one of {@code
   * exclude}, with backfill by popularity.
   *
   * @param signals the indicator fields to query, each matched against the history of the same
   *     signal
   */
  public RecommendationList recommend(
      History history, Set<Signal> signals, Rules rules, Set<String> exclude, int limit) {
    return models.withModel(m -> run(m, history, signals, rules, exclude, limit));
  }

  private RecommendationList run(
      ServingModel model,
      History history,
      Set<Signal> signals,
      Rules rules,
      Set<String> exclude,
      int limit) {
    try {
      IndexSearcher searcher = model.searcher();
      Set<String> excluded = new HashSet<>(exclude);
      excluded.addAll(rules.excludeItems());
      List<Recommendation> items = new ArrayList<>();
      BooleanQuery.Builder personal = new BooleanQuery.Builder();
      int clauses = 0;
      for (Signal signal : signals) {
        for (String item : history.of(signal)) {
          personal.add(
              FeatureField.newLinearQuery(ItemFields.indicators(signal), item, 1f), Occur.SHOULD);
          clauses++;
        }
      }
      if (clauses > 0) {
        // Boosts can reorder, so they need candidates beyond the limit; without them the top
        // hits are the answer and only those are read.
        int wanted = rules.boosts().isEmpty() ? limit : limit * OVERSAMPLE;
        TopDocs top = searcher.search(RuleFilters.apply(personal.build(), rules, excluded), wanted);
        StoredFields stored = searcher.storedFields();
        List<Scored> candidates = new ArrayList<>();
        for (ScoreDoc hit : top.scoreDocs) {
          Document doc = stored.document(hit.doc);
          candidates.add(new Scored(doc, boosted(hit.score, doc, rules)));
        }
        candidates.sort(Comparator.comparingDouble(Scored::score).reversed());
        for (Scored c : candidates.subList(0, Math.min(limit, candidates.size()))) {
          Recommendation r = item(c.doc(), c.score(), reason(model, c.doc(), history, signals));
          items.add(r);
          excluded.add(r.itemId());
        }
      }
      int personalised = items.size();
      if (items.size() < limit) {
        backfill(searcher, rules, excluded, limit - items.size(), items);
      }
      return new RecommendationList(model.info().version(), personalised, items);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A candidate document with its (boosted) score. */
  private record Scored(Document doc, double score) {}

  private void backfill(
      IndexSearcher searcher,
      Rules rules,
      Set<String> excluded,
      int wanted,
      List<Recommendation> out)
      throws IOException {
    boolean trending = rules.backfill() == Rules.Backfill.TRENDING;
    String feature = trending ? ItemFields.TREND : ItemFields.POPULARITY;
    String kind = trending ? "trending" : "popular";
    Query query = FeatureField.newLinearQuery(ItemFields.STATS, feature, 1f);
    TopDocs top = searcher.search(RuleFilters.apply(query, rules, excluded), wanted);
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc hit : top.scoreDocs) {
      Document doc = stored.document(hit.doc);
      String top1 = Categories.top(doc.get(ItemFields.CATEGORY_PATH));
      String text = top1 == null ? kind : kind + " in " + top1;
      // Backfill scores are scaled far below any personalised score and keep popularity order.
      double score = hit.score / (hit.score + 1.0) * 1e-3;
      out.add(item(doc, score, new Reason(kind, null, text)));
    }
  }

  private static double boosted(float score, Document doc, Rules rules) {
    double s = score;
    for (Rules.Boost b : rules.boosts()) {
      String value =
          switch (b.field()) {
            case "brand" -> doc.get(ItemFields.BRAND);
            case "category" -> doc.get(ItemFields.CATEGORY_PATH);
            default -> null;
          };
      if (value != null && matches(b, value)) {
        s *= b.factor();
      }
    }
    return s;
  }

  private static boolean matches(Rules.Boost b, String value) {
    if (b.field().equals("category")) {
      return Categories.prefixes(value).contains(b.value());
    }
    return value.equals(b.value());
  }

  /** The history item whose indicator weight on this document is the largest. */
  private static Reason reason(
      ServingModel model, Document doc, History history, Set<Signal> signals) throws IOException {
    Signal bestSignal = null;
    String bestItem = null;
    double best = -1;
    for (Signal signal : signals) {
      Set<String> items = history.of(signal);
      String stored = doc.get(ItemFields.stored(signal));
      if (items.isEmpty() || stored == null) {
        continue;
      }
      for (String line : stored.split("\n")) {
        int tab = line.indexOf('\t');
        if (tab > 0 && items.contains(line.substring(0, tab))) {
          double w = Double.parseDouble(line.substring(tab + 1));
          if (w > best) {
            best = w;
            bestItem = line.substring(0, tab);
            bestSignal = signal;
          }
        }
      }
    }
    if (bestItem == null) {
      return new Reason("popular", null, "popular");
    }
    return new Reason(
        bestSignal.wireName(), bestItem, bestSignal.reasonPhrase() + " " + model.nameOf(bestItem));
  }

  /** The recommendation of the item in {@code doc}. */
  static Recommendation item(Document doc, double score, Reason reason) {
    org.apache.lucene.index.IndexableField price = doc.getField(ItemFields.PRICE);
    return new Recommendation(
        doc.get(ItemFields.ID),
        doc.get(ItemFields.NAME),
        doc.get(ItemFields.CATEGORY_PATH),
        price == null ? null : price.numericValue().doubleValue(),
        Boolean.parseBoolean(doc.get(ItemFields.IN_STOCK)),
        score,
        reason);
  }
}
