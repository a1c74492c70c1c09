package io.affinity.recommender.serving;

import io.affinity.recommender.index.Categories;
import io.affinity.recommender.index.ItemFields;
import io.affinity.recommender.index.LiveItem;
import io.affinity.recommender.model.ServingModel;
import io.affinity.recommender.training.Signal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
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
      List<Recommendation> items)
      throws IOException {
    List<LiveItem> cold = new ArrayList<>();
    for (String id : anchors) {
      int doc = model.docOf(id);
      LiveItem item = view.of(id);
      if (item != null && (doc < 0 || !hasCoOccurrence(model, doc)) && cold.size() < COLD_ANCHORS) {
        cold.add(item);
      }
    }
    BooleanQuery.Builder like = new BooleanQuery.Builder();
    int clauses = 0;
    for (LiveItem a : cold) {
      if (a.categoryPath() != null) {
        List<String> levels = Categories.prefixes(a.categoryPath());
        for (int i = 0; i < levels.size(); i++) {
          Term t = new Term(ItemFields.CATEGORY, levels.get(i));
          like.add(new BoostQuery(new TermQuery(t), 1f + i), Occur.SHOULD);
          clauses++;
        }
      }
      if (a.brand() != null) {
        like.add(
            new BoostQuery(new TermQuery(new Term(ItemFields.BRAND, a.brand())), 2f), Occur.SHOULD);
        clauses++;
      }
    }
    if (clauses == 0) {
      return;
    }
    int wanted = limit - items.size();
    for (LiveItem a : cold) {
      int doc = model.docOf(a.id());
      if (doc >= 0) {
        accepted.clear(doc); // an item is not its own neighbour
      }
    }
    TopDocs top =
        model.top(
            like.build(), wanted * Recommender.LIVE_OVERSAMPLE + Recommender.LIVE_EXTRA, accepted);
    List<Integer> docs = new ArrayList<>();
    for (ScoreDoc hit : top.scoreDocs) {
      docs.add(hit.doc);
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

  private static boolean hasCoOccurrence(ServingModel model, int doc) {
    for (Signal s : Signal.values()) {
      if (model.hasIndicators(doc, s)) {
        return true;
      }
    }
    return false;
  }

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
