package io.affinity.recommender.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.recommender.index.ItemFields;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class RankingTest {
  @Test
  void ranksAsAFeatureQueryOverTheWholeIndexDoesAndLeavesOutDocumentsWithoutTheFeature()
      throws Exception {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
      float[] popularity = {3f, 0f, 7f, 3f, 1f, 0f, 7f};
      for (int i = 0; i < popularity.length; i++) {
        Document d = new Document();
        d.add(new StringField(ItemFields.ID, "p" + i, Field.Store.YES));
        if (popularity[i] > 0) {
          d.add(new FeatureField(ItemFields.STATS, ItemFields.POPULARITY, popularity[i]));
        }
        w.addDocument(d);
      }
      w.commit();
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        Ranking ranking = Ranking.of(searcher, ItemFields.POPULARITY);
        List<Integer> docs = new ArrayList<>();
        for (int i = 0; i < ranking.size(); i++) {
          docs.add(ranking.doc(i));
        }
        // Best first, ties by document id; the two documents without popularity are not ranked.
        assertThat(docs).containsExactly(2, 6, 0, 3, 4);
        TopDocs query =
            searcher.search(
                FeatureField.newLinearQuery(ItemFields.STATS, ItemFields.POPULARITY, 1f), 10);
        for (int i = 0; i < query.scoreDocs.length; i++) {
          ScoreDoc hit = query.scoreDocs[i];
          assertThat(ranking.doc(i)).isEqualTo(hit.doc);
          assertThat(ranking.score(i)).isEqualTo(hit.score);
        }
        assertThat(Ranking.of(searcher, ItemFields.TREND).size()).isZero();
      }
    }
  }
}
