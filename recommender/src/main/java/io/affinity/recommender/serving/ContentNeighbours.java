package io.affinity.recommender.serving;

import io.affinity.recommender.index.Categories;
import io.affinity.recommender.index.ItemFields;
import io.affinity.recommender.index.LiveItem;
import io.affinity.recommender.model.ServingModel;
import io.affinity.recommender.training.Signal;
import io.micronaut.core.annotation.Nullable;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.FeatureField;
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
 * Neighbours by content for what co-occurrence cannot answer yet: products added since training
 * compete in every list by their likeness to the history, and history items the model has no
 * co-occurrence for get the model's items most like them before popularity fills a list.
 */
final class ContentNeighbours {
  /**
   * A new product's score is its likeness times this share of the list's best personalised score: a
   * new product just like the history ranks among the good correlations, not above the best.
   */
  static final double NEW_WEIGHT = 0.5;

  /**
   * The score of a content neighbour in a list without personalised scores: its likeness times
   * this, above every popularity backfill score (below 1e-3).
   */
  static final double CONTENT_SCALE = 1e-2;

  /**
   * The score of a same-brand match in the neighbours search: above any popularity part (below 1).
   */
  static final float BRAND_SCORE = 2f;

  /** The history items without co-occurrence whose content neighbours are searched. */
  static final int COLD_ANCHORS = 3;

  private final ContentSimilarity similarity;

  ContentNeighbours(ContentSimilarity similarity) {
    this.similarity = similarity;
  }

  /**
   * Adds to {@code items} the products added since training that are like one of {@code anchors}
   * (at least {@link ContentSimilarity#MIN}) and pass {@code rules}, keeping the best {@code limit}
   * of the list by score.
   */
  void added(
      LiveItems view,
      Collection<String> anchors,
      Rules rules,
      Set<String> excluded,
      double best,
      int limit,
      List<Recommendation> items) {
    if (view.added().isEmpty()) {
      return;
    }
    Set<String> listed = new HashSet<>();
    items.forEach(r -> listed.add(r.itemId()));
    List<Recommendation> found = new ArrayList<>();
    for (LiveItem item : view.added()) {
      if (excluded.contains(item.id()) || listed.contains(item.id()) || !rules.accepts(item)) {
        continue;
      }
      Match m = closest(view, item, anchors);
      if (m != null) {
        double score = m.similarity * (best > 0 ? NEW_WEIGHT * best : CONTENT_SCALE);
        String text = "new, similar to " + name(m.anchor) + ContentSimilarity.basis(item, m.anchor);
        found.add(Recommender.item(item, score, new Reason("new", m.anchor.id(), text)));
      }
    }
    if (found.isEmpty()) {
      return;
    }
    items.addAll(found);
    items.sort(Comparator.comparingDouble(Recommendation::score).reversed());
    while (items.size() > limit) {
      items.remove(items.size() - 1);
    }
  }

  /**
   * Appends to {@code items}, up to {@code limit}, the model's items most like the {@code anchors}
   * that have no co-occurrence (unknown to the model, or without indicators), among {@code
   * accepted}: one search by category, brand, then likeness measured on the live rows.
   */
  void neighbours(
      ServingModel model,
      LiveItems view,
      Collection<String> anchors,
      FixedBitSet accepted,
      Rules rules,
      int limit,
      List<Recommendation> items,
      @Nullable Likely likely)
      throws IOException {
    List<LiveItem> cold = new ArrayList<>();
    for (String id : anchors) {
      int doc = model.docOf(id);
      LiveItem item = view.of(id);
      if (item != null && (doc < 0 || !hasCoOccurrence(model, doc)) && cold.size() < COLD_ANCHORS) {
        cold.add(item);
      }
    }
    int wanted = limit - items.size();
    for (LiveItem a : cold) {
      int doc = model.docOf(a.id());
      if (doc >= 0) {
        accepted.clear(doc); // an item is not its own neighbour
      }
    }
    int n = wanted + Recommender.LIVE_MARGIN;
    List<Integer> docs = new ArrayList<>();
    if (likely != null && likely.cold().equals(cold.stream().map(LiveItem::id).toList())) {
      // Searched for these anchors already (read ahead): those still candidates, best first.
      for (int doc : likely.docs()) {
        if (docs.size() < n && accepted.get(doc)) {
          docs.add(doc);
        }
      }
    } else {
      TopDocs top = search(model, cold, n, accepted);
      if (top == null) {
        return;
      }
      for (ScoreDoc hit : top.scoreDocs) {
        docs.add(hit.doc);
      }
    }
    view.load(docs, List.of(), false);
    List<Recommendation> found = new ArrayList<>();
    List<Integer> foundDocs = new ArrayList<>();
    for (int doc : docs) {
      LiveItem item = view.of(doc);
      if (item == null || !rules.accepts(item)) {
        continue;
      }
      Match m = closest(view, item, cold.stream().map(LiveItem::id).toList());
      if (m != null) {
        String text = "similar to " + name(m.anchor) + ContentSimilarity.basis(item, m.anchor);
        found.add(
            Recommender.item(
                item, m.similarity * CONTENT_SCALE, new Reason("content", m.anchor.id(), text)));
        foundDocs.add(doc);
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> found.get(i).score()).reversed());
    for (int i : order) {
      if (items.size() >= limit) {
        break;
      }
      items.add(found.get(i));
      accepted.clear(foundDocs.get(i));
    }
  }

  /**
   * The best {@code n} items like one of {@code cold} among {@code accepted}: in the anchors' own
   * categories first, one level up only when those hold too few; null when no anchor has a category
   * or brand.
   */
  @Nullable
  private static TopDocs search(ServingModel model, List<LiveItem> cold, int n, Bits accepted)
      throws IOException {
    TopDocs top = null;
    for (int up = 0; up <= 1 && (top == null || top.scoreDocs.length < n); up++) {
      Query like = likeQuery(cold, up);
      if (like == null) {
        break;
      }
      top = model.top(like, n, accepted);
    }
    return top;
  }

  /**
   * The documents {@link #neighbours} would read for {@code anchors} in a list of {@code limit},
   * found with the model's own fields of the anchors, so that they can be read with the request's
   * first live read and searched once: as many as it reads for a list with nothing personalised,
   * which covers the personalised items chosen in between leaving the candidates. Null when an
   * anchor is unknown to the model (only its live row tells its category) or none is without
   * co-occurrence.
   */
  @Nullable
  Likely likely(ServingModel model, Collection<String> anchors, Bits accepted, int limit)
      throws IOException {
    List<LiveItem> cold = new ArrayList<>();
    IntOpenHashSet self = new IntOpenHashSet();
    for (String id : anchors) {
      int doc = model.docOf(id);
      if (doc < 0) {
        return null;
      }
      if (!hasCoOccurrence(model, doc) && cold.size() < COLD_ANCHORS) {
        cold.add(LiveItem.of(model.document(doc)));
        self.add(doc);
      }
    }
    int n = limit + Recommender.LIVE_MARGIN;
    Bits others =
        new Bits() {
          @Override
          public boolean get(int doc) {
            return accepted.get(doc) && !self.contains(doc);
          }

          @Override
          public int length() {
            return accepted.length();
          }
        };
    TopDocs top = search(model, cold, n, others);
    if (top == null) {
      return null;
    }
    List<Integer> docs = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc hit : top.scoreDocs) {
      docs.add(hit.doc);
    }
    return new Likely(cold.stream().map(LiveItem::id).toList(), docs);
  }

  /**
   * Items in the category of one of {@code cold} ({@code up} levels above its own; its brand alone
   * where it has no category), those of the same brand first, then by popularity. Each anchor's
   * part is led by its category's postings, so the cost is that of the categories' items rather
   * than of a scoring pass over every item of a broad category or brand.
   */
  @Nullable
  static Query likeQuery(List<LiveItem> cold, int up) {
    BooleanQuery.Builder like = new BooleanQuery.Builder();
    int parts = 0;
    for (LiveItem a : cold) {
      BooleanQuery.Builder one = new BooleanQuery.Builder();
      List<String> levels =
          a.categoryPath() == null ? List.of() : Categories.prefixes(a.categoryPath());
      if (levels.size() > up) {
        Term category = new Term(ItemFields.CATEGORY, levels.get(levels.size() - 1 - up));
        one.add(new TermQuery(category), Occur.FILTER);
        if (a.brand() != null) {
          Query brand = new TermQuery(new Term(ItemFields.BRAND, a.brand()));
          one.add(new BoostQuery(new ConstantScoreQuery(brand), BRAND_SCORE), Occur.SHOULD);
        }
      } else if (levels.isEmpty() && up == 0 && a.brand() != null) {
        one.add(new TermQuery(new Term(ItemFields.BRAND, a.brand())), Occur.FILTER);
      } else {
        continue;
      }
      one.add(
          FeatureField.newSaturationQuery(ItemFields.STATS, ItemFields.POPULARITY), Occur.SHOULD);
      like.add(one.build(), Occur.SHOULD);
      parts++;
    }
    return parts == 0 ? null : like.build();
  }

  private static boolean hasCoOccurrence(ServingModel model, int doc) {
    for (Signal s : Signal.values()) {
      if (model.hasIndicators(doc, s)) {
        return true;
      }
    }
    return false;
  }

  /** The anchors without co-occurrence searched for, and their neighbours found, best first. */
  record Likely(List<String> cold, List<Integer> docs) {}

  private record Match(LiveItem anchor, double similarity) {}

  /** The anchor most like {@code item}, if like enough; null otherwise. */
  private Match closest(LiveItems view, LiveItem item, Collection<String> anchors) {
    Match best = null;
    for (String id : anchors) {
      LiveItem a = view.of(id);
      if (a == null || a.id().equals(item.id())) {
        continue;
      }
      double s = similarity.of(item, a);
      if (s >= ContentSimilarity.MIN && (best == null || s > best.similarity)) {
        best = new Match(a, s);
      }
    }
    return best;
  }

  private static String name(LiveItem item) {
    return item.name() != null ? item.name() : item.id();
  }
}
