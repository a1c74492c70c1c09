package io.affinity.recommender.offers;

import io.affinity.recommender.index.Categories;
import io.affinity.recommender.index.ItemFields;
import io.affinity.recommender.index.LiveCatalogue;
import io.affinity.recommender.index.LiveItem;
import io.affinity.recommender.model.ModelHolder;
import io.affinity.recommender.model.RecommenderConfiguration;
import io.affinity.recommender.model.ServingModel;
import io.affinity.recommender.serving.LiveItems;
import io.affinity.recommender.serving.Reason;
import io.affinity.recommender.serving.Recommender;
import io.affinity.recommender.serving.Rules;
import io.affinity.recommender.training.Signal;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Finds offers in the served model. Cross-sell: items correlated with the anchors by purchase or
 * cart, outside the anchors' categories. Upsell: items of an anchor's category priced {@code
 * minRatio} to {@code maxRatio} times the anchor, that buyers and viewers of the anchor also chose.
 * Both are ranked by expected value, correlation times margin (or price where the margin is
 * unknown), times the factors of matching boosts; the rules' category, price and item filters apply
 * as they do to recommendations.
 */
@Singleton
public class OfferEngine {
  /** Candidates read per offer wanted, so that expected value can reorder them. */
  private static final int CANDIDATES_PER_OFFER = 3;

  /**
   * With a live catalogue, candidates read per offer wanted beyond {@link #CANDIDATES_PER_OFFER},
   * plus {@link #LIVE_EXTRA}: the live rules drop those gone out of stock, repriced or deleted.
   */
  private static final int LIVE_OVERSAMPLE = 2;

  private static final int LIVE_EXTRA = 10;

  private final ModelHolder models;
  @Nullable private final LiveCatalogue live;
  private final double evidenceFloor;

  /** Offers on the index alone (evaluation, benchmarks): no database is read. */
  public OfferEngine(ModelHolder models) {
    this(models, null);
  }

  /** Offers reading {@code live} when it is not null, with the default evidence floor. */
  public OfferEngine(ModelHolder models, @Nullable LiveCatalogue live) {
    this(models, live, Recommender.Tuning.DEFAULT_EVIDENCE_FLOOR);
  }

  /** Offers whose rules, prices and shown fields read {@code live} (the products table) now. */
  @Inject
  public OfferEngine(
      ModelHolder models, @Nullable LiveCatalogue live, RecommenderConfiguration configuration) {
    this(models, live, configuration.getEvidenceFloor());
  }

  /**
   * @param evidenceFloor a cross-sell offer's correlation must be at least this share of the best
   *     one's (see {@link Recommender.Tuning#evidenceFloor()}): weaker ones are left out, never
   *     offered as "goes with"
   */
  public OfferEngine(ModelHolder models, @Nullable LiveCatalogue live, double evidenceFloor) {
    this.models = models;
    this.live = live;
    if (!(evidenceFloor >= 0 && evidenceFloor < 1)) {
      throw new IllegalArgumentException("evidenceFloor must be in [0, 1), got " + evidenceFloor);
    }
    this.evidenceFloor = evidenceFloor;
  }

  /**
   * The model version, the anchors found in it (in the order given, with their current name,
   * category and price), and the ids the model does not know.
   */
  record Anchors(long modelVersion, List<Anchor> items, List<String> unknown) {}

  /** Looks the anchors up; those the model does not know are listed as unknown. */
  Anchors anchors(List<String> ids) {
    return models.withModel(
        m -> {
          if (ids.isEmpty()) {
            // A customer with no history (such as a household member addressed by a trigger)
            // has no anchors; Lucene refuses a search for zero hits.
            return new Anchors(m.info().version(), List.of(), List.of());
          }
          LiveItems view = new LiveItems(m, live);
          List<Integer> docs = new ArrayList<>();
          for (String id : ids) {
            int doc = m.docOf(id);
            if (doc >= 0) {
              docs.add(doc);
            }
          }
          view.load(docs, List.of(), false);
          List<Anchor> anchors = new ArrayList<>();
          List<String> unknown = new ArrayList<>();
          for (String id : ids) {
            int doc = m.docOf(id);
            // A product deleted since training is no anchor either.
            LiveItem a = doc < 0 ? null : view.of(doc);
            if (a == null) {
              unknown.add(id);
            } else {
              anchors.add(new Anchor(a.id(), a.name(), a.categoryPath(), a.price()));
            }
          }
          return new Anchors(m.info().version(), anchors, unknown);
        });
  }

  /** Cross-sell offers for {@code anchors}, best expected value first. */
  List<Offer> crossSell(
      List<Anchor> anchors, Eligibility eligibility, Rules rules, int limit, Double discount) {
    if (anchors.isEmpty()) {
      return List.of();
    }
    return models.withModel(
        m -> {
          BooleanQuery.Builder correlated = new BooleanQuery.Builder();
          for (Anchor a : anchors) {
            correlated.add(
                FeatureField.newLinearQuery(ItemFields.indicators(Signal.PURCHASE), a.id(), 1f),
                Occur.SHOULD);
            correlated.add(
                FeatureField.newLinearQuery(ItemFields.indicators(Signal.CART), a.id(), 1f),
                Occur.SHOULD);
          }
          Set<String> otherThan = new HashSet<>(eligibility.excludedCategories());
          anchors.stream().map(Anchor::categoryPath).filter(c -> c != null).forEach(otherThan::add);
          Query q = eligible(correlated.build(), anchors, eligibility, rules, otherThan);
          return ranked(
              m,
              q,
              anchors,
              eligibility,
              OfferType.CROSS_SELL,
              rules,
              limit,
              discount,
              Set.of(Signal.PURCHASE, Signal.CART),
              item -> true);
        });
  }

  /**
   * Upsell offers for {@code anchors} (those with a price and a category), best first: one search,
   * a disjunction of one clause per anchor with that anchor's category and price range.
   */
  List<Offer> upsell(
      List<Anchor> anchors,
      Eligibility eligibility,
      Rules rules,
      double minRatio,
      double maxRatio,
      int limit,
      Double discount) {
    List<Anchor> usable =
        anchors.stream()
            .filter(a -> a.price() != null && a.categoryPath() != null)
            .filter(a -> !eligibility.excludedCategories().contains(a.categoryPath()))
            .toList();
    if (usable.isEmpty()) {
      return List.of();
    }
    return models.withModel(
        m -> {
          BooleanQuery.Builder anyAnchor = new BooleanQuery.Builder();
          for (Anchor a : usable) {
            Query considered =
                new BooleanQuery.Builder()
                    .add(
                        FeatureField.newLinearQuery(
                            ItemFields.indicators(Signal.PURCHASE), a.id(), 1f),
                        Occur.SHOULD)
                    .add(
                        FeatureField.newLinearQuery(ItemFields.indicators(Signal.VIEW), a.id(), 1f),
                        Occur.SHOULD)
                    .build();
            anyAnchor.add(
                new BooleanQuery.Builder()
                    .add(considered, Occur.MUST)
                    .add(
                        new TermQuery(new Term(ItemFields.CATEGORY, a.categoryPath())),
                        Occur.FILTER)
                    .add(
                        // Live, the index's prices are only a guide (repriced items are checked
                        // on their live price below): twice as wide a range gathers candidates.
                        DoublePoint.newRangeQuery(
                            ItemFields.PRICE,
                            a.price() * minRatio / (live != null ? 2 : 1),
                            a.price() * maxRatio * (live != null ? 2 : 1)),
                        Occur.FILTER)
                    .build(),
                Occur.SHOULD);
          }
          Query q =
              eligible(
                  anyAnchor.build(), anchors, eligibility, rules, eligibility.excludedCategories());
          return ranked(
              m,
              q,
              usable,
              eligibility,
              OfferType.UPSELL,
              rules,
              limit,
              discount,
              Set.of(Signal.PURCHASE, Signal.VIEW),
              item -> upsellOf(item, usable, minRatio, maxRatio));
        });
  }

  /** Whether {@code item}, as it is now, is an upsell of one of {@code anchors}. */
  private static boolean upsellOf(
      LiveItem item, List<Anchor> anchors, double minRatio, double maxRatio) {
    if (item.price() == null || item.categoryPath() == null) {
      return false;
    }
    List<String> levels = Categories.prefixes(item.categoryPath());
    for (Anchor a : anchors) {
      if (levels.contains(a.categoryPath())
          && item.price() >= a.price() * minRatio
          && item.price() <= a.price() * maxRatio) {
        return true;
      }
    }
    return false;
  }

  private Query eligible(
      Query scoring,
      List<Anchor> anchors,
      Eligibility eligibility,
      Rules rules,
      Set<String> excludedCategories) {
    Set<String> items = new HashSet<>(eligibility.excludedItems());
    items.addAll(rules.excludeItems());
    anchors.forEach(a -> items.add(a.id()));
    Set<String> categories = new HashSet<>(excludedCategories);
    categories.addAll(rules.excludeCategories());
    BooleanQuery.Builder q =
        new BooleanQuery.Builder()
            .add(scoring, Occur.MUST)
            .add(new TermInSetQuery(ItemFields.ID, refs(items)), Occur.MUST_NOT);
    if (live != null) {
      // Stock and price are checked on the live rows (ranked): the index's may be stale.
      rules = rules.candidates();
    } else {
      q.add(new TermQuery(new Term(ItemFields.IN_STOCK, "true")), Occur.FILTER);
    }
    if (!categories.isEmpty()) {
      q.add(new TermInSetQuery(ItemFields.CATEGORY, refs(categories)), Occur.MUST_NOT);
    }
    if (!rules.includeCategories().isEmpty()) {
      q.add(new TermInSetQuery(ItemFields.CATEGORY, refs(rules.includeCategories())), Occur.FILTER);
    }
    if (rules.minPrice() != null || rules.maxPrice() != null) {
      double min = rules.minPrice() == null ? Double.NEGATIVE_INFINITY : rules.minPrice();
      double max = rules.maxPrice() == null ? Double.POSITIVE_INFINITY : rules.maxPrice();
      q.add(DoublePoint.newRangeQuery(ItemFields.PRICE, min, max), Occur.FILTER);
    }
    return q.build();
  }

  private List<Offer> ranked(
      ServingModel m,
      Query q,
      List<Anchor> anchors,
      Eligibility eligibility,
      OfferType type,
      Rules rules,
      int limit,
      Double discount,
      Set<Signal> signals,
      Predicate<LiveItem> fits) {
    try {
      int wanted = limit * CANDIDATES_PER_OFFER;
      TopDocs top = m.top(q, live != null ? wanted * LIVE_OVERSAMPLE + LIVE_EXTRA : wanted);
      LiveItems view = new LiveItems(m, live);
      List<Integer> docs = new ArrayList<>();
      for (ScoreDoc hit : top.scoreDocs) {
        docs.add(hit.doc);
      }
      view.load(docs, List.of(), false);
      List<Offer> offers = new ArrayList<>();
      double best = -1;
      for (ScoreDoc hit : top.scoreDocs) {
        LiveItem item = view.of(hit.doc);
        if (item == null
            || (view.live() && !(item.inStock() && rules.accepts(item) && fits.test(item)))) {
          continue; // deleted, or out of stock, repriced or moved since training
        }
        if (offers.size() == wanted) {
          break;
        }
        best = Math.max(best, hit.score);
        if (type == OfferType.CROSS_SELL && hit.score < evidenceFloor * best) {
          // Hits come strongest first: the rest correlate too weakly to say "goes with", even
          // though a large margin would rank them first by expected value.
          break;
        }
        Double price = item.price();
        Double margin = item.margin();
        double value = margin != null ? margin : price != null ? price : 1.0;
        String id = item.id();
        offers.add(
            new Offer(
                type.wireName(),
                id,
                item.name(),
                item.categoryPath(),
                price,
                margin,
                item.url(),
                item.imageUrl(),
                hit.score,
                hit.score * Math.max(0.0, value) * boost(item, rules) * eligibility.weight(id),
                discount,
                reason(m, hit.doc, item, anchors, type, signals)));
      }
      offers.sort(Comparator.comparingDouble(Offer::expectedValue).reversed());
      return offers.subList(0, Math.min(limit, offers.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The anchor most strongly linked to the offered item, in words. */
  private static Reason reason(
      ServingModel m,
      int docId,
      LiveItem d,
      List<Anchor> all,
      OfferType type,
      Set<Signal> signals) {
    // An upsell answers the anchors of its own category only.
    String path = d.categoryPath();
    List<Anchor> anchors =
        type == OfferType.UPSELL && path != null
            ? all.stream()
                .filter(a -> Categories.prefixes(path).contains(a.categoryPath()))
                .toList()
            : all;
    if (anchors.isEmpty()) {
      anchors = all;
    }
    Anchor best = anchors.get(0);
    double bestWeight = -1;
    Map<String, Anchor> byId = new HashMap<>();
    anchors.forEach(a -> byId.put(a.id(), a));
    for (Signal s : signals) {
      ServingModel.Indicator strongest = m.strongestIndicator(docId, s, byId::containsKey);
      if (strongest != null && strongest.weight() > bestWeight) {
        bestWeight = strongest.weight();
        best = byId.get(strongest.item());
      }
    }
    String name = best.name() != null ? best.name() : best.id();
    String text =
        type == OfferType.CROSS_SELL
            ? "goes with " + name
            : "customers who considered " + name + " chose this";
    return new Reason(type.wireName(), best.id(), text);
  }

  /** The product of the factors of the rules' boosts that {@code d} matches. */
  private static double boost(LiveItem d, Rules rules) {
    double factor = 1.0;
    for (Rules.Boost b : rules.boosts()) {
      boolean matches =
          b.field().equals("brand")
              ? b.value().equals(d.brand())
              : d.categoryPath() != null
                  && Categories.prefixes(d.categoryPath()).contains(b.value());
      if (matches) {
        factor *= b.factor();
      }
    }
    return factor;
  }

  private static List<BytesRef> refs(java.util.Collection<String> values) {
    return values.stream().map(BytesRef::new).toList();
  }
}
