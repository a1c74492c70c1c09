package io.affinity.recommender.evaluation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.affinity.core.importer.LineOutcome;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes an {@link EvaluationReport} as JSON, every figure of the Markdown report and more. */
public final class JsonReport {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonReport() {}

  /** Writes {@code report} to {@code file}. */
  public static void write(EvaluationReport report, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        JsonGenerator g = JSON.createGenerator(w)) {
      g.useDefaultPrettyPrinter();
      write(report, g);
    }
  }

  private static void write(EvaluationReport r, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("file", r.file());
    g.writeStringField("startedAt", r.startedAt().toString());
    g.writeNumberField("totalMillis", r.totalMillis());
    g.writeArrayFieldStart("protocol");
    for (String p : EvaluationReport.PROTOCOL) {
      g.writeString(p);
    }
    g.writeEndArray();
    config(r.config(), g);
    split(r.split(), g);
    g.writeObjectFieldStart("machine");
    g.writeNumberField("cores", r.machine().cores());
    g.writeNumberField("maxHeapBytes", r.machine().maxHeapBytes());
    g.writeStringField("cpu", r.machine().cpu());
    g.writeStringField("jvm", r.machine().jvm());
    g.writeStringField("os", r.machine().os());
    g.writeEndObject();
    g.writeArrayFieldStart("algorithms");
    for (AlgorithmResult a : r.algorithms()) {
      algorithm(a, g);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("comparisons");
    for (Comparison c : r.comparisons()) {
      g.writeStartObject();
      g.writeStringField("ours", r.algorithms().get(0).name());
      g.writeStringField("other", c.other());
      g.writeStringField("mode", c.mode().label());
      g.writeNumberField("k", c.k());
      g.writeStringField("metric", c.metric().key());
      g.writeNumberField("users", c.users());
      number(g, "oursMean", c.ours());
      number(g, "otherMean", c.theirs());
      number(g, "difference", c.difference());
      number(g, "ci95", c.ci95());
      number(g, "pValue", c.pValue());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void config(EvaluationConfig c, JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("config");
    g.writeStringField("splitAt", c.splitAt().toString());
    g.writeStringField("testEnd", c.testEnd() == null ? null : c.testEnd().toString());
    g.writeArrayFieldStart("ks");
    for (int k : c.ks()) {
      g.writeNumber(k);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("algorithms");
    for (String a : c.algorithms()) {
      g.writeString(a);
    }
    g.writeEndArray();
    g.writeObjectFieldStart("training");
    g.writeNumberField("maxPerUser", c.training().maxPerUser());
    g.writeNumberField("indicatorsPerItem", c.training().indicatorsPerItem());
    g.writeNumberField("minCooccurrence", c.training().minCooccurrence());
    g.writeNumberField("minLlr", c.training().minLlr());
    g.writeNumberField("seed", c.training().seed());
    g.writeEndObject();
    g.writeNumberField("neighbours", c.neighbours());
    g.writeObjectFieldStart("als");
    g.writeNumberField("features", c.als().features());
    g.writeNumberField("lambda", c.als().lambda());
    g.writeNumberField("alpha", c.als().alpha());
    g.writeNumberField("iterations", c.als().iterations());
    g.writeEndObject();
    g.writeNumberField("easeLambda", c.easeLambda());
    g.writeNumberField("seed", c.seed());
    g.writeEndObject();
  }

  private static void split(SplitSummary s, JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("split");
    g.writeStringField("splitAt", s.splitAt().toString());
    g.writeStringField("testEnd", s.testEnd() == null ? null : s.testEnd().toString());
    g.writeNumberField("lines", s.lines());
    g.writeObjectFieldStart("outcomes");
    for (Map.Entry<LineOutcome, Long> e : s.outcomes().entrySet()) {
      g.writeNumberField(e.getKey().name().toLowerCase(java.util.Locale.ROOT), e.getValue());
    }
    g.writeEndObject();
    g.writeNumberField("trainingPurchaseLines", s.trainingPurchaseLines());
    g.writeNumberField("testPurchaseLines", s.testPurchaseLines());
    g.writeNumberField("users", s.users());
    g.writeNumberField("catalogueItems", s.catalogueItems());
    g.writeNumberField("trainingInteractions", s.trainingInteractions());
    g.writeNumberField("testUsers", s.testUsers());
    g.writeNumberField("testUsersWithNewItems", s.testUsersWithNewItems());
    g.writeNumberField("coldTestCustomers", s.coldTestCustomers());
    g.writeNumberField("testOnlyItems", s.testOnlyItems());
    g.writeNumberField("truthItems", s.truthItems());
    g.writeNumberField("truthNewItems", s.truthNewItems());
    g.writeEndObject();
  }

  private static void algorithm(AlgorithmResult a, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", a.name());
    g.writeStringField("description", a.description());
    g.writeNumberField("trainingMillis", a.trainingMillis());
    g.writeNumberField("evaluationMillis", a.evaluationMillis());
    g.writeNumberField("queries", a.queries());
    g.writeNumberField("baselineHeapBytes", a.baselineHeapBytes());
    g.writeNumberField("peakTrainingHeapBytes", a.peakTrainingHeapBytes());
    g.writeNumberField("retainedHeapBytes", a.retainedHeapBytes());
    g.writeNumberField("peakHeapBytes", a.peakHeapBytes());
    g.writeObjectFieldStart("modes");
    for (ModeResult m : a.modes().values()) {
      g.writeObjectFieldStart(m.mode().label());
      g.writeNumberField("users", m.users());
      number(g, "ownShare", m.proposedShare());
      g.writeObjectFieldStart("at");
      for (ModeResult.Cutoff c : m.cutoffs()) {
        g.writeObjectFieldStart(Integer.toString(c.k()));
        for (Metric metric : Metric.values()) {
          g.writeObjectFieldStart(metric.key());
          number(g, "mean", c.stat(metric).mean());
          number(g, "ci95", c.stat(metric).ci95());
          g.writeEndObject();
        }
        number(g, "coverage", c.coverage());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  /** A number, or null when it is not one (NaN): JSON has no NaN. */
  private static void number(JsonGenerator g, String field, double value) throws IOException {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, value);
    }
  }
}
