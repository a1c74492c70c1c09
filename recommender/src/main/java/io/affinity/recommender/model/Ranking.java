package io.affinity.recommender.model;

import io.affinity.recommender.index.ItemFields;
import java.io.IOException;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;

/**
 * The documents of a model in the order of one of its feature scores (popularity or trend), best
 * first, ties by document id: the order a feature query over the whole index gives, computed once
 * per model. Serving a popular list then costs the documents it looks at, not a scoring pass over
 * the catalogue per request.
 */
public final class Ranking {
  private final int[] docs;
  private final float[] scores;

  private Ranking(int[] docs, float[] scores) {
    this.docs = docs;
    this.scores = scores;
  }

  /** The documents that have feature {@code feature} of {@link ItemFields#STATS}, best first. */
  static Ranking of(IndexSearcher searcher, String feature) throws IOException {
    int n = Math.max(1, searcher.getIndexReader().maxDoc());
    TopDocs all =
        searcher.search(
            FeatureField.newLinearQuery(ItemFields.STATS, feature, 1f),
            new TopScoreDocCollectorManager(n, Integer.MAX_VALUE));
    int[] docs = new int[all.scoreDocs.length];
    float[] scores = new float[docs.length];
    for (int i = 0; i < docs.length; i++) {
      ScoreDoc hit = all.scoreDocs[i];
      docs[i] = hit.doc;
      scores[i] = hit.score;
    }
    return new Ranking(docs, scores);
  }

  /** How many documents are ranked. */
  public int size() {
    return docs.length;
  }

  /** The document at rank {@code i} (0 is the best). */
  public int doc(int i) {
    return docs[i];
  }

  /** The feature score of the document at rank {@code i}. */
  public float score(int i) {
    return scores[i];
  }
}
