package io.affinity.recommender.serving;

import io.affinity.core.attributes.AttributesCodec;
import io.affinity.recommender.index.Categories;
import io.affinity.recommender.index.ItemFields;
import io.affinity.recommender.index.LiveCatalogue;
import io.affinity.recommender.index.LiveItem;
import io.affinity.recommender.model.ModelHolder;
import io.affinity.recommender.model.Ranking;
import io.affinity.recommender.model.RecommenderConfiguration;
import io.affinity.recommender.model.ServingModel;
import io.affinity.recommender.training.Signal;
import io.micronaut.core.annotation.Nullable;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * Answers recommendation queries against the served model. The history's items are looked up in the
 * indicator fields (score = sum of LLR weights of the matched indicators), rules filter and boost,
 * and popularity fills what personalisation leaves short.
 */
@Singleton
public class Recommender {
  /** Candidates fetched per requested item, so that boosts can reorder them. */
  private static final int OVERSAMPLE = 3;

  /**
   * With a live catalogue, candidates read per wanted item, plus {@link #LIVE_EXTRA}: the live
   * rules drop those gone out of stock, out of the price range or deleted since training.
   */
  static final int LIVE_OVERSAMPLE = 2;

  static final int LIVE_EXTRA = 10;

  /**
   * Personalised candidates read beyond the limit in a request's first live read: products gone out
   * of stock, out of the price range or deleted since training that the margin covers cost no
   * second read.
   */
  static final int LIVE_MARGIN = 5;

  /** The most candidates a backfill reads before it settles for a short list. */
  static final int MAX_CANDIDATES = 1000;

  /** The history items (most recent first) that new products are compared with. */
  static final int CONTENT_ANCHORS = 10;

  private final ModelHolder models;
  private final Tuning tuning;
  @Nullable private final LiveCatalogue live;
  private final ContentNeighbours content;

  /**
   * Each thread's bit set of the documents a query may return, filled afresh by every query of the
   * thread ({@link RuleFilters#accepted}) and used only within it.
   */
  private static final ThreadLocal<FixedBitSet> ACCEPTED = new ThreadLocal<>();

  /** A recommender with the {@link Tuning#defaults() default tuning}. */
  public Recommender(ModelHolder models) {
    this(models, Tuning.defaults());
  }

  /**
   * The service's recommender: rules and shown fields read the live catalogue, products added since
   * training compete by content.
   */
  @Inject
  public Recommender(
      ModelHolder models,
      RecommenderConfiguration configuration,
      LiveCatalogue live,
      AttributesCodec attributes) {
    this(models, configuration.tuning(), live, attributes);
  }

  /** A recommender on the index alone (evaluation, benchmarks): no database is read. */
  public Recommender(ModelHolder models, Tuning tuning) {
    this(models, tuning, null, null);
  }

  /** A recommender reading {@code live} when it is not null. */
  public Recommender(
      ModelHolder models,
      Tuning tuning,
      @Nullable LiveCatalogue live,
      @Nullable AttributesCodec attributes) {
    this.models = models;
    this.tuning = tuning;
    this.live = live;
    this.content = new ContentNeighbours(new ContentSimilarity(attributes));
  }

  /**
   * How a query scores, chosen on a validation split (see {@code docs/evaluation.md}).
   *
   * @param repeatWeight with {@link Rules#includePurchased()}, the items the history bought are
   *     candidates too, each with {@code repeatWeight x (the best personalised score of the query)
   *     x its repeat score} added to its personalised score; the repeat score is {@code log(1 +
   *     count) / log(1 + the largest count)} in (0, 1], count being how many times the item is in
   *     the history (in how many purchases). 0 for none.
   * @param clausesPerSignal the most recent distinct items of each signal that become clauses of
   *     the query (and may be named as reasons): the query's cost grows with them
   * @param evidenceFloor in [0, 1): an item correlated with the history enters the list only if its
   *     co-occurrence score is at least this share of the best co-occurrence score of the query;
   *     weaker ones are left out (their reason would claim "bought together" on scant evidence) and
   *     the list is filled by content neighbours and popularity, labelled as such. The customer's
   *     own purchases ({@code repeat}) are not subject to it. 0 for none. The absolute minimum is
   *     training's {@code minCooccurrence}: no indicator has less.
   */
  public record Tuning(double repeatWeight, int clausesPerSignal, double evidenceFloor) {
    /** The weight chosen on validation; see {@code docs/evaluation.md}. */
    public static final double DEFAULT_REPEAT_WEIGHT = 2.0;

    /** As many clauses as a history holds items; see {@code docs/evaluation.md}. */
    public static final int DEFAULT_CLAUSES_PER_SIGNAL = History.ITEMS_PER_SIGNAL;

    /** The floor chosen on validation; see {@code docs/evaluation.md} ("Evidence floor"). */
    public static final double DEFAULT_EVIDENCE_FLOOR = 0.1;

    public Tuning {
      if (!(evidenceFloor >= 0 && evidenceFloor < 1)) {
        throw new IllegalArgumentException("evidenceFloor must be in [0, 1), got " + evidenceFloor);
      }
      if (!(repeatWeight >= 0)) {
        throw new IllegalArgumentException(
            "repeatWeight must not be negative, got " + repeatWeight);
      }
      if (clausesPerSignal < 1) {
        throw new IllegalArgumentException(
            "clausesPerSignal must be positive, got " + clausesPerSignal);
      }
    }

    /** {@code repeatWeight} and {@code clausesPerSignal} with the default evidence floor. */
    public Tuning(double repeatWeight, int clausesPerSignal) {
      this(repeatWeight, clausesPerSignal, DEFAULT_EVIDENCE_FLOOR);
    }

    /** {@code repeatWeight} with the default clauses per signal and evidence floor. */
    public Tuning(double repeatWeight) {
      this(repeatWeight, DEFAULT_CLAUSES_PER_SIGNAL);
    }

    /** The production defaults. */
    public static Tuning defaults() {
      return new Tuning(DEFAULT_REPEAT_WEIGHT, DEFAULT_CLAUSES_PER_SIGNAL, DEFAULT_EVIDENCE_FLOOR);
    }

    /** These settings with {@code floor} as the evidence floor. */
    public Tuning withEvidenceFloor(double floor) {
      return new Tuning(repeatWeight, clausesPerSignal, floor);
    }

    /** The repeat score of an item bought {@code count} times, the most bought {@code maxCount}. */
    static double repeatScore(int count, int maxCount) {
      return Math.log1p(count) / Math.log1p(Math.max(count, maxCount));
    }
  }

  /**
   * Up to {@code limit} items for {@code history} under {@code rules}, never one of {@code
   * exclude}, with backfill by popularity. With {@link Rules#includePurchased()} the items the
   * history bought compete too, scored by how often they were bought (see {@link
   * Tuning#repeatWeight()}).
   *
   * <p>With a live catalogue, stock, price and category rules and the fields shown are those of the
   * products table now (one read per step of the answer), a product deleted since training is left
   * out, and products added since training compete by their likeness to the history ({@link
   * ContentSimilarity}); history items without co-occurrence are completed by content neighbours
   * before popularity fills the rest.
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
      Set<String> excluded = new HashSet<>(exclude);
      excluded.addAll(rules.excludeItems());
      LiveItems view = new LiveItems(model, live);
      ReadAhead ahead = new ReadAhead();
      List<Recommendation> items = new ArrayList<>();
      IndicatorQuery.Builder personal = new IndicatorQuery.Builder();
      // The queried items per signal, most recent first: what reasons may name.
      Map<Signal, IntOpenHashSet> queried = new EnumMap<>(Signal.class);
      // The history's items, most recent first, that content likeness is measured against.
      Set<String> anchors = new LinkedHashSet<>();
      for (Signal signal : signals) {
        IntOpenHashSet of = new IntOpenHashSet();
        int clauses = 0;
        for (String item : history.of(signal)) {
          if (clauses++ >= tuning.clausesPerSignal()) {
            break;
          }
          personal.add(ItemFields.indicators(signal), item);
          if (anchors.size() < CONTENT_ANCHORS) {
            anchors.add(item);
          }
          // Reasons name items by their document (IndicatorTable): one without is named by none.
          int doc = model.docOf(item);
          if (doc >= 0) {
            of.add(doc);
          }
        }
        if (!of.isEmpty()) {
          queried.put(signal, of);
        }
      }
      // What the rules allow, less what must not be shown; each chosen item leaves it too, so
      // that the backfill cannot repeat it. Live, stock and price are checked on the live rows.
      FixedBitSet accepted =
          RuleFilters.accepted(
              model, view.live() ? rules.candidates() : rules, excluded, ACCEPTED.get());
      ACCEPTED.set(accepted);
      double best = 0;
      if (personal.size() > 0) {
        IndicatorQuery personalQuery = personal.build();
        // Boosts can reorder, so they need candidates beyond the limit; without them the top
        // hits are the answer and only those are read. Live rules may drop some: read more.
        int wanted = rules.boosts().isEmpty() ? limit : limit * OVERSAMPLE;
        if (view.live()) {
          wanted = wanted * LIVE_OVERSAMPLE + LIVE_EXTRA;
        }
        TopDocs top = personalQuery.top(model.searcher().getIndexReader(), wanted, accepted);
        Map<Integer, Double> scores = new HashMap<>();
        for (ScoreDoc hit : top.scoreDocs) {
          scores.put(hit.doc, (double) hit.score);
        }
        // The co-occurrence scores alone (before any repeat bonus): what the floor compares.
        Map<Integer, Double> evidence = new HashMap<>(scores);
        Map<String, Double> repeats =
            repeats(model, personalQuery, top, wanted, history, signals, rules, accepted, scores);
        List<Integer> first = firstRead(scores, rules, limit, view.live());
        view.load(
            withFillIfShort(
                model, rules, accepted, evidence, repeats, scores, first, anchors, limit, ahead),
            anchors,
            true);
        if (first.size() < scores.size() && shown(view, first, rules) < limit) {
          view.load(scores.keySet(), List.of(), false); // the live rules dropped too many
        }
        double floor = tuning.evidenceFloor() * bestEvidence(view, evidence, rules);
        List<Map.Entry<Integer, Double>> ranked = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : scores.entrySet()) {
          LiveItem item = view.of(e.getKey());
          if (item == null || (view.live() && !rules.accepts(item))) {
            continue;
          }
          if (!repeats.containsKey(item.id()) && evidence.getOrDefault(e.getKey(), 0.0) < floor) {
            continue; // too little evidence to say "bought together": popularity fills instead
          }
          double s = e.getValue();
          if (!rules.boosts().isEmpty()) {
            s = boosted(s, item, rules);
          }
          ranked.add(Map.entry(e.getKey(), s));
        }
        ranked.sort(
            Map.Entry.<Integer, Double>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()));
        List<Map.Entry<Integer, Double>> chosen = ranked.subList(0, Math.min(limit, ranked.size()));
        Reason[] reasons = reasons(model, view, chosen, queried);
        for (int k = 0; k < chosen.size(); k++) {
          Map.Entry<Integer, Double> c = chosen.get(k);
          LiveItem item = view.of(c.getKey());
          Reason reason =
              repeats.containsKey(item.id())
                  ? repeatReason(item.id(), history.count(Signal.PURCHASE, item.id()))
                  : reasons[k];
          items.add(item(item, c.getValue(), reason));
          accepted.clear(c.getKey());
          best = Math.max(best, c.getValue());
        }
      }
      if (view.live() && !anchors.isEmpty()) {
        if (personal.size() == 0) {
          view.load(List.of(), anchors, true);
        }
        content.added(view, anchors, rules, excluded, best, limit, items);
        if (items.size() < limit) {
          content.neighbours(model, view, anchors, accepted, rules, limit, items, ahead.likely);
        }
      }
      int personalised = items.size();
      if (items.size() < limit) {
        backfill(model, view, rules, accepted, limit - items.size(), items);
      }
      return new RecommendationList(model.info().version(), personalised, items);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * With {@link Rules#includePurchased()}: adds to {@code scores} (doc to score) the history's
   * purchased items that the rules allow, each with its personalised score plus its repeat bonus,
   * and returns the repeat score of each such item (empty when there is no repeat part). One more
   * search: the personalised query plus one constant-score term clause per purchased item (at most
   * {@link History#ITEMS_PER_SIGNAL} for a customer), restricted to those of them that {@code
   * accepted} accepts; no stored field is read.
   */
  private Map<String, Double> repeats(
      ServingModel model,
      Query personalQuery,
      TopDocs top,
      int wanted,
      History history,
      Set<Signal> signals,
      Rules rules,
      Bits accepted,
      Map<Integer, Double> scores)
      throws IOException {
    Set<String> bought = history.of(Signal.PURCHASE);
    if (!rules.includePurchased()
        || tuning.repeatWeight() <= 0
        || !signals.contains(Signal.PURCHASE)
        || bought.isEmpty()) {
      return Map.of();
    }
    int maxCount = 1;
    for (String item : bought) {
      maxCount = Math.max(maxCount, history.count(Signal.PURCHASE, item));
    }
    // The bonus is relative to the best personalised score, so that the weight means the same
    // whatever the scale of the LLR weights (which grows with the data).
    double best = top.scoreDocs.length > 0 ? top.scoreDocs[0].score : 1.0;
    Map<String, Double> repeatScore = new HashMap<>();
    FixedBitSet boughtDocs = new FixedBitSet(model.searcher().getIndexReader().maxDoc());
    BooleanQuery.Builder own = new BooleanQuery.Builder().add(personalQuery, Occur.SHOULD);
    for (String item : bought) {
      int doc = model.docOf(item);
      if (doc < 0 || !accepted.get(doc)) {
        continue;
      }
      double r = Tuning.repeatScore(history.count(Signal.PURCHASE, item), maxCount);
      repeatScore.put(item, r);
      boughtDocs.set(doc);
      Query bonus = new ConstantScoreQuery(new TermQuery(new Term(ItemFields.ID, item)));
      own.add(new BoostQuery(bonus, (float) (tuning.repeatWeight() * best * r)), Occur.SHOULD);
    }
    if (repeatScore.isEmpty()) {
      return Map.of();
    }
    // Only the best `wanted` can make the list: each of them outscores every other purchased
    // item, whose personalised score (from the first search) is lower still.
    TopDocs hits = model.top(own.build(), wanted, boughtDocs);
    for (ScoreDoc hit : hits.scoreDocs) {
      scores.merge(hit.doc, (double) hit.score, Math::max);
    }
    return repeatScore;
  }

  /** What a request's first live read looked up for its later steps. */
  private static final class ReadAhead {
    @Nullable ContentNeighbours.Likely likely;
  }

  /**
   * The personalised candidates the first live read takes: all of them where boosts may reorder
   * them or nothing is live, else the best {@code limit + }{@value #LIVE_MARGIN} by score, enough
   * unless the live rules drop more than the margin (then the rest is read: {@link #shown}).
   */
  private static List<Integer> firstRead(
      Map<Integer, Double> scores, Rules rules, int limit, boolean live) {
    List<Integer> docs = new ArrayList<>(scores.keySet());
    if (!live || !rules.boosts().isEmpty() || docs.size() <= limit + LIVE_MARGIN) {
      return docs;
    }
    docs.sort(
        Comparator.comparingDouble((Integer d) -> scores.get(d))
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    return new ArrayList<>(docs.subList(0, limit + LIVE_MARGIN));
  }

  /** How many of {@code docs} exist and pass {@code rules} as they are now. */
  private static int shown(LiveItems view, List<Integer> docs, Rules rules) {
    int n = 0;
    for (int doc : docs) {
      LiveItem item = view.of(doc);
      if (item != null && rules.accepts(item)) {
        n++;
      }
    }
    return n;
  }

  /**
   * The documents the first live read of a request takes: the personalised candidates and, when
   * they look too few to fill the list (counted on the index's scores, before the live rules), the
   * content neighbours and the popular items the next steps would read, so that a short list costs
   * one statement rather than three.
   */
  private Collection<Integer> withFillIfShort(
      ServingModel model,
      Rules rules,
      Bits accepted,
      Map<Integer, Double> evidence,
      Map<String, Double> repeats,
      Map<Integer, Double> scores,
      List<Integer> first,
      Collection<String> anchors,
      int limit,
      ReadAhead ahead)
      throws IOException {
    double best = 0;
    for (double e : evidence.values()) {
      best = Math.max(best, e);
    }
    double floor = tuning.evidenceFloor() * best;
    int strong = repeats.size();
    for (double e : evidence.values()) {
      if (e >= floor) {
        strong++;
      }
    }
    if (strong >= limit) {
      return first;
    }
    List<Integer> docs = new ArrayList<>(first);
    if (live != null) {
      ahead.likely = content.likely(model, anchors, accepted, limit);
      if (ahead.likely != null) {
        docs.addAll(ahead.likely.docs());
      }
    }
    Ranking ranking = model.ranking(rules.backfill() == Rules.Backfill.TRENDING);
    int wanted = limit - strong + LIVE_MARGIN;
    for (int rank = 0; rank < ranking.size() && wanted > 0; rank++) {
      int doc = ranking.doc(rank);
      if (accepted.get(doc) && !scores.containsKey(doc)) {
        docs.add(doc);
        wanted--;
      }
    }
    return docs;
  }

  /**
   * The best co-occurrence score among the candidates in {@code evidence} that are shown: the
   * reference of {@link Tuning#evidenceFloor()}.
   */
  private static double bestEvidence(LiveItems view, Map<Integer, Double> evidence, Rules rules) {
    double best = 0;
    for (Map.Entry<Integer, Double> e : evidence.entrySet()) {
      LiveItem item = view.of(e.getKey());
      if (item != null && (!view.live() || rules.accepts(item))) {
        best = Math.max(best, e.getValue());
      }
    }
    return best;
  }

  private static Reason repeatReason(String item, int count) {
    String text = count > 1 ? "you bought this " + count + " times" : "you bought this before";
    return new Reason("repeat", item, text);
  }

  /**
   * Appends up to {@code wanted} items by popularity (or trend) among {@code accepted}, in the
   * model's {@link Ranking}. Live, the items read are checked against the rules as they are now,
   * and more are read (up to {@value #MAX_CANDIDATES}) while the list is short and the ranking has
   * more.
   */
  private static void backfill(
      ServingModel model,
      LiveItems view,
      Rules rules,
      FixedBitSet accepted,
      int wanted,
      List<Recommendation> out) {
    boolean trending = rules.backfill() == Rules.Backfill.TRENDING;
    String kind = trending ? "trending" : "popular";
    Ranking ranking = model.ranking(trending);
    int n = view.live() ? wanted + LIVE_MARGIN : wanted;
    int added = 0;
    int read = 0;
    int next = 0;
    while (added < wanted && next < ranking.size() && read < MAX_CANDIDATES) {
      IntArrayList ranks = new IntArrayList();
      next = acceptedRanks(ranking, accepted, next, Math.min(n, MAX_CANDIDATES - read), ranks);
      List<Integer> docs = new ArrayList<>(ranks.size());
      ranks.forEach(r -> docs.add(ranking.doc(r)));
      view.load(docs, List.of(), false);
      read += ranks.size();
      for (int k = 0; k < ranks.size() && added < wanted; k++) {
        int rank = ranks.getInt(k);
        int doc = ranking.doc(rank);
        accepted.clear(doc); // read: not a candidate again
        LiveItem item = view.of(doc);
        if (item == null || (view.live() && !rules.accepts(item))) {
          continue;
        }
        String top1 = Categories.top(item.categoryPath());
        String text = top1 == null ? kind : kind + " in " + top1;
        // Backfill scores are scaled far below any personalised score and keep popularity order.
        float feature = ranking.score(rank);
        double score = feature / (feature + 1.0) * 1e-3;
        out.add(item(item, score, new Reason(kind, null, text)));
        added++;
      }
      n *= 4;
    }
  }

  /**
   * Adds to {@code ranks} the ranks from {@code from} on whose documents {@code accepted} accepts,
   * until it holds {@code n} more or the ranking ends; returns the rank to go on from.
   */
  private static int acceptedRanks(
      Ranking ranking, Bits accepted, int from, int n, IntArrayList ranks) {
    int rank = from;
    int target = ranks.size() + n;
    while (ranks.size() < target && rank < ranking.size()) {
      if (accepted.get(ranking.doc(rank))) {
        ranks.add(rank);
      }
      rank++;
    }
    return rank;
  }

  private static double boosted(double score, LiveItem item, Rules rules) {
    double s = score;
    for (Rules.Boost b : rules.boosts()) {
      String value =
          switch (b.field()) {
            case "brand" -> item.brand();
            case "category" -> item.categoryPath();
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

  /**
   * For each chosen document, the queried history item whose indicator weight on it is the largest,
   * as a reason ("popular" when none).
   */
  private static Reason[] reasons(
      ServingModel model,
      LiveItems view,
      List<Map.Entry<Integer, Double>> chosen,
      Map<Signal, IntOpenHashSet> queried) {
    int[] docs = new int[chosen.size()];
    for (int k = 0; k < docs.length; k++) {
      docs[k] = chosen.get(k).getKey();
    }
    Signal[] bestSignal = new Signal[docs.length];
    ServingModel.Indicator[] best = new ServingModel.Indicator[docs.length];
    for (Map.Entry<Signal, IntOpenHashSet> e : queried.entrySet()) {
      ServingModel.Indicator[] strongest =
          model.strongestIndicators(docs, e.getKey(), e.getValue()::contains);
      for (int k = 0; k < docs.length; k++) {
        if (strongest[k] != null && (best[k] == null || strongest[k].weight() > best[k].weight())) {
          best[k] = strongest[k];
          bestSignal[k] = e.getKey();
        }
      }
    }
    Reason[] reasons = new Reason[docs.length];
    for (int k = 0; k < docs.length; k++) {
      reasons[k] =
          best[k] == null
              ? new Reason("popular", null, "popular")
              : new Reason(
                  bestSignal[k].wireName(),
                  best[k].item(),
                  bestSignal[k].reasonPhrase() + " " + nameOf(model, view, best[k].item()));
    }
    return reasons;
  }

  /** The name of history item {@code id}: as it is now when it was read, else the index's. */
  private static String nameOf(ServingModel model, LiveItems view, String id) {
    LiveItem item = view.of(id);
    return item != null && item.name() != null ? item.name() : model.nameOf(id);
  }

  /** The recommendation of {@code item} as it is now. */
  static Recommendation item(LiveItem item, double score, Reason reason) {
    return new Recommendation(
        item.id(),
        item.name(),
        item.categoryPath(),
        item.price(),
        item.inStock(),
        item.url(),
        item.imageUrl(),
        score,
        reason);
  }
}
