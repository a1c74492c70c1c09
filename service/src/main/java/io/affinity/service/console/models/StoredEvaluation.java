package io.affinity.service.console.models;

import io.affinity.service.console.Formats;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last offline evaluation, if one is stored where the service looks: {@code
 * <data-dir>/evaluation/evaluation.json}, as {@code ./affinity evaluate FILE --output-dir
 * <data-dir>/evaluation} writes it. The service never runs an evaluation itself (it needs the
 * Online Retail file and minutes of CPU); it only shows the tables of the one stored.
 */
@Singleton
public class StoredEvaluation {
  /** The file, relative to the data directory. */
  public static final String FILE = "evaluation/evaluation.json";

  private static final String[] METRICS = {"ndcg", "recall", "precision", "hit_rate", "map"};

  private final Path file;
  private final JsonMapper json;

  public StoredEvaluation(@Value("${affinity.data-dir:./data}") String dataDir, JsonMapper json) {
    this.file = Path.of(dataDir).resolve(FILE);
    this.json = json;
  }

  /** Where the service looks for the evaluation. */
  public Path file() {
    return file;
  }

  /**
   * The evaluation's tables for the page (when, split, one row per algorithm, mode and cutoff, and
   * the comparisons); empty if no file is stored. A file that cannot be read is an error shown on
   * the page, under {@code error}.
   */
  @SuppressWarnings("unchecked")
  public Optional<Map<String, Object>> tables() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rows", List.of());
    out.put("comparisons", List.of());
    out.put("error", "");
    try {
      Map<String, Object> r =
          json.readValue(Files.readAllBytes(file), Argument.mapOf(String.class, Object.class));
      out.put("file", Formats.text(r.get("file")));
      out.put("startedAt", Formats.text(r.get("startedAt")));
      Map<String, Object> split = (Map<String, Object>) r.getOrDefault("split", Map.of());
      out.put("splitAt", Formats.text(split.get("splitAt")));
      out.put("testUsers", Formats.text(split.get("testUsers")));
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Object a : (List<Object>) r.getOrDefault("algorithms", List.of())) {
        Map<String, Object> algorithm = (Map<String, Object>) a;
        Map<String, Object> modes = (Map<String, Object>) algorithm.getOrDefault("modes", Map.of());
        for (Map.Entry<String, Object> mode : modes.entrySet()) {
          Map<String, Object> m = (Map<String, Object>) mode.getValue();
          Map<String, Object> at = (Map<String, Object>) m.getOrDefault("at", Map.of());
          for (Map.Entry<String, Object> k : at.entrySet()) {
            Map<String, Object> figures = (Map<String, Object>) k.getValue();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("algorithm", Formats.text(algorithm.get("name")));
            row.put("mode", mode.getKey());
            row.put("k", k.getKey());
            row.put("users", Formats.text(m.get("users")));
            for (String metric : METRICS) {
              Object stat = figures.get(metric);
              row.put(
                  metric,
                  stat instanceof Map<?, ?> s
                      ? decimal(s.get("mean")) + " ± " + decimal(s.get("ci95"))
                      : "-");
            }
            row.put("coverage", Formats.percent(asDouble(figures.get("coverage"))));
            rows.add(row);
          }
        }
      }
      out.put("rows", rows);
      List<Map<String, Object>> comparisons = new ArrayList<>();
      for (Object o : (List<Object>) r.getOrDefault("comparisons", List.of())) {
        Map<String, Object> c = (Map<String, Object>) o;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ours", Formats.text(c.get("ours")));
        row.put("other", Formats.text(c.get("other")));
        row.put("mode", Formats.text(c.get("mode")));
        row.put("k", Formats.text(c.get("k")));
        row.put("metric", Formats.text(c.get("metric")));
        row.put("difference", decimal(c.get("difference")) + " ± " + decimal(c.get("ci95")));
        Double p = asDouble(c.get("pValue"));
        row.put("p", p == null ? "-" : String.format(java.util.Locale.ROOT, "%.2g", p));
        comparisons.add(row);
      }
      out.put("comparisons", comparisons);
    } catch (IOException | RuntimeException e) {
      out.put("error", "Cannot read " + file + ": " + e.getMessage());
    }
    return Optional.of(out);
  }

  private static String decimal(Object v) {
    return Formats.decimal(asDouble(v), 4);
  }

  private static Double asDouble(Object v) {
    return v instanceof Number n ? n.doubleValue() : null;
  }
}
