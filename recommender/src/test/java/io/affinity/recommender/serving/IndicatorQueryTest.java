package io.affinity.recommender.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link IndicatorQuery} against what it replaces, the disjunction of linear feature queries, on a
 * real index of several segments with random indicators and weights.
 */
class IndicatorQueryTest {
  private static final String[] FIELDS = {"ind_purchase", "ind_view"};
  private static final int ITEMS = 400;

  @TempDir Path dir;

  @Test
  void scoresEveryItemAsTheDisjunctionOfFeatureQueries() throws Exception {
    Random random = new Random(7);
    try (FSDirectory directory = FSDirectory.open(dir)) {
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
        for (int doc = 0; doc < ITEMS; doc++) {
          Document d = new Document();
          d.add(new StringField("half", doc % 2 == 0 ? "even" : "odd", Field.Store.NO));
          for (String field : FIELDS) {
            // An item's indicators of one field name distinct items (a top-k list).
            Set<Integer> indicators = new HashSet<>();
            int wanted = random.nextInt(30);
            while (indicators.size() < wanted) {
              indicators.add(random.nextInt(ITEMS));
            }
            for (int item : indicators) {
              // LLR weights span from about 1 to thousands.
              float weight = (float) Math.exp(random.nextDouble() * 8);
              d.add(new FeatureField(field, "i" + item, weight));
            }
          }
          writer.addDocument(d);
          if (doc % 150 == 149) {
            writer.commit(); // several segments: document ids are offset per segment
          }
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertThat(reader.leaves()).hasSizeGreaterThan(1);
        IndexSearcher searcher = new IndexSearcher(reader);
        for (int history = 0; history < 50; history++) {
          IndicatorQuery.Builder ours = new IndicatorQuery.Builder();
          BooleanQuery.Builder features = new BooleanQuery.Builder();
          int items = 1 + random.nextInt(60);
          for (int k = 0; k < items; k++) {
            String field = FIELDS[random.nextInt(FIELDS.length)];
            String item = "i" + random.nextInt(ITEMS + 20); // some name no indicator
            int before = ours.size();
            ours.add(field, item);
            if (ours.size() > before) { // the disjunction must not count a repeated item twice
              features.add(FeatureField.newLinearQuery(field, item, 1f), Occur.SHOULD);
            }
          }
          Query expectedQuery = features.build();
          Query actualQuery = ours.build();
          if (history % 2 == 1) { // under a filter, as a clause that is advanced, not iterated
            Query even = new TermQuery(new Term("half", "even"));
            expectedQuery =
                new BooleanQuery.Builder()
                    .add(expectedQuery, Occur.MUST)
                    .add(even, Occur.FILTER)
                    .build();
            actualQuery =
                new BooleanQuery.Builder()
                    .add(actualQuery, Occur.MUST)
                    .add(even, Occur.FILTER)
                    .build();
          }
          Map<Integer, Float> expected = allScores(searcher, expectedQuery);
          Map<Integer, Float> actual = allScores(searcher, actualQuery);
          assertThat(actual.keySet()).isEqualTo(expected.keySet());
          expected.forEach(
              (doc, score) -> assertThat(actual.get(doc)).isCloseTo(score, within(score * 1e-5f)));
          ScoreDoc[] top = searcher.search(actualQuery, 10).scoreDocs;
          ScoreDoc[] topFeatures = searcher.search(expectedQuery, 10).scoreDocs;
          // The top straight from the sums, the filter as accepted documents: the searcher's.
          Bits accept = history % 2 == 1 ? evenDocs(searcher) : new Bits.MatchAllBits(ITEMS);
          ScoreDoc[] direct = ours.build().top(reader, 10, accept).scoreDocs;
          assertThat(direct).hasSameSizeAs(top);
          for (int i = 0; i < top.length; i++) {
            assertThat(direct[i].doc).isEqualTo(top[i].doc);
            assertThat(direct[i].score).isEqualTo(top[i].score);
          }
          assertThat(top.length).isEqualTo(topFeatures.length);
          for (int i = 0; i < top.length; i++) {
            assertThat(top[i].score).isCloseTo(topFeatures[i].score, within(top[i].score * 1e-5f));
          }
        }
      }
    }
  }

  @Test
  void matchesNothingWhenNoIndicatorNamesTheHistory() throws Exception {
    try (FSDirectory directory = FSDirectory.open(dir)) {
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
        Document d = new Document();
        d.add(new FeatureField(FIELDS[0], "a", 3f));
        writer.addDocument(d);
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        IndicatorQuery.Builder b = new IndicatorQuery.Builder();
        b.add(FIELDS[0], "b");
        b.add("no_such_field", "a");
        assertThat(new IndexSearcher(reader).search(b.build(), 10).scoreDocs).isEmpty();
        IndicatorQuery.Builder hit = new IndicatorQuery.Builder();
        hit.add(FIELDS[0], "a");
        assertThat(new IndexSearcher(reader).search(hit.build(), 10).scoreDocs[0].score)
            .isEqualTo(3f);
      }
    }
  }

  /** The documents of the "even" half. */
  private static Bits evenDocs(IndexSearcher searcher) throws Exception {
    FixedBitSet even = new FixedBitSet(ITEMS);
    for (ScoreDoc hit : searcher.search(new TermQuery(new Term("half", "even")), ITEMS).scoreDocs) {
      even.set(hit.doc);
    }
    return even;
  }

  /** Every matching document and its score (there are at most ITEMS). */
  private static Map<Integer, Float> allScores(IndexSearcher searcher, Query query)
      throws Exception {
    Map<Integer, Float> scores = new HashMap<>();
    ScoreDoc[] hits = searcher.search(query, ITEMS).scoreDocs;
    for (ScoreDoc hit : hits) {
      scores.put(hit.doc, hit.score);
    }
    return scores;
  }
}
