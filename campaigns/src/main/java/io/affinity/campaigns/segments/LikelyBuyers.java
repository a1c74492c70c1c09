package io.affinity.campaigns.segments;

import io.affinity.recommender.index.ItemFields;
import io.affinity.recommender.model.ModelHolder;
import io.affinity.recommender.model.ServingModel;
import io.affinity.recommender.training.Signal;
import io.micronaut.transaction.TransactionOperations;
import it.unimi.dsi.fastutil.longs.Long2DoubleOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.longs.LongSet;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Predicted affinity: the customers most likely to buy a product or a category, from the model
 * being served. The target's purchase indicators (items bought together with it, each with its LLR
 * weight) score every customer by the sum of the weights of the indicator items they bought (each
 * item once, as the model binarises); customers who already bought the target are left out; ties go
 * to the lower customer id, so that the answer is stable.
 */
@Singleton
public class LikelyBuyers {
  /** The most items of a category whose indicators are merged. */
  static final int MAX_CATEGORY_ITEMS = 500;

  /** The most indicator items a score reads purchases of. */
  static final int MAX_INDICATORS = 500;

  private final ModelHolder models;
  private final TransactionOperations<Connection> tx;
  private final BehaviourFacts facts;

  public LikelyBuyers(
      ModelHolder models, TransactionOperations<Connection> tx, BehaviourFacts facts) {
    this.models = models;
    this.tx = tx;
    this.facts = facts;
  }

  /**
   * The {@code top} likely buyers of product {@code externalId} (internal id {@code productId}),
   * best first.
   *
   * @throws io.affinity.core.error.UnavailableException if no model has been trained
   */
  public LongList forProduct(String externalId, long productId, int top) {
    Map<String, Double> weights =
        models.withModel(m -> indicators(m, new TermQuery(new Term(ItemFields.ID, externalId)), 1));
    LongSet buyers =
        ids(
            "SELECT DISTINCT customer_id FROM events WHERE product_id = ? AND type = 'purchase'",
            List.of(productId));
    return best(weights, buyers, top);
  }

  /**
   * The {@code top} likely buyers of anything in category {@code path} (normal form), best first:
   * the indicators of its items are merged, keeping each indicator's highest weight.
   *
   * @throws io.affinity.core.error.UnavailableException if no model has been trained
   */
  public LongList forCategory(String path, int top) {
    Map<String, Double> weights =
        models.withModel(
            m ->
                indicators(
                    m, new TermQuery(new Term(ItemFields.CATEGORY, path)), MAX_CATEGORY_ITEMS));
    facts.catchUp();
    LongSet buyers =
        ids(
            "SELECT customer_id FROM segment_facts WHERE kind = 'category' AND fact_key = ?",
            List.of(path));
    return best(weights, buyers, top);
  }

  private static Map<String, Double> indicators(ServingModel m, TermQuery target, int docs) {
    Map<String, Double> weights = new HashMap<>();
    try {
      for (ScoreDoc hit : m.searcher().search(target, docs).scoreDocs) {
        String lines = m.indicatorLines(hit.doc, Signal.PURCHASE);
        if (lines == null) {
          continue;
        }
        for (String line : lines.split("\n")) {
          int tab = line.indexOf('\t');
          if (tab > 0) {
            weights.merge(
                line.substring(0, tab), Double.parseDouble(line.substring(tab + 1)), Math::max);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return weights;
  }

  private LongList best(Map<String, Double> weights, LongSet excluded, int top) {
    if (weights.isEmpty()) {
      return new LongArrayList();
    }
    List<Map.Entry<String, Double>> strongest = new ArrayList<>(weights.entrySet());
    strongest.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    strongest = strongest.subList(0, Math.min(MAX_INDICATORS, strongest.size()));
    Map<String, Double> kept = new HashMap<>();
    strongest.forEach(e -> kept.put(e.getKey(), e.getValue()));
    Long2DoubleOpenHashMap scores = new Long2DoubleOpenHashMap();
    tx.executeRead(
        status -> {
          String sql =
              "SELECT DISTINCT e.customer_id, p.external_id FROM events e"
                  + " JOIN products p ON p.id = e.product_id"
                  + " WHERE e.type = 'purchase' AND p.external_id IN ("
                  + String.join(", ", Collections.nCopies(kept.size(), "?"))
                  + ")";
          try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
            int p = 1;
            for (String item : kept.keySet()) {
              ps.setString(p++, item);
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                long customer = rs.getLong(1);
                if (!excluded.contains(customer)) {
                  scores.addTo(customer, kept.get(rs.getString(2)));
                }
              }
            }
          }
          return null;
        });
    LongArrayList ranked = new LongArrayList(scores.keySet());
    ranked.sort(
        (a, b) -> {
          int byScore = Double.compare(scores.get(b), scores.get(a));
          return byScore != 0 ? byScore : Long.compare(a, b);
        });
    return ranked.size() > top ? new LongArrayList(ranked.subList(0, top)) : ranked;
  }

  private LongSet ids(String sql, List<Object> params) {
    return tx.executeRead(
        status -> {
          LongSet ids = new LongOpenHashSet();
          try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
              ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getLong(1));
              }
            }
          }
          return ids;
        });
  }
}
