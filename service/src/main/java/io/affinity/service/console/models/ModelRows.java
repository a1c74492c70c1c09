package io.affinity.service.console.models;

import io.affinity.recommender.evaluation.HoldoutCheck;
import io.affinity.recommender.model.ModelInfo;
import io.affinity.service.console.Formats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the models page shows the registry and its chart's data: all formatting happens here. */
final class ModelRows {
  private ModelRows() {}

  /** The registry's rows, newest first; {@code served} is the version being served, or null. */
  static List<Map<String, Object>> rows(List<ModelInfo> models, Long served) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ModelInfo m : models) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("version", m.version());
      r.put("created", Formats.time(m.createdAt()));
      // A window from the epoch is "no window" (affinity.recommender.window-days: 0).
      r.put(
          "data",
          m.dataFrom().toEpochMilli() == 0
              ? "all events to " + Formats.date(m.dataTo())
              : Formats.date(m.dataFrom()) + " to " + Formats.date(m.dataTo()));
      r.put("events", Formats.count(m.events()));
      r.put("customers", Formats.count(m.users()));
      r.put("items", Formats.count(m.items()));
      r.put("indicators", Formats.count(m.indicators()));
      r.put("signals", String.join(", ", m.signals()));
      r.put("training", seconds(m.trainingMillis()));
      r.put("status", m.status());
      r.put("served", served != null && served == m.version());
      HoldoutCheck.Result h = m.metrics();
      r.put("holdout", h != null && h.customers() > 0);
      if (h != null) {
        r.put("k", h.k());
        r.put("holdoutCustomers", Formats.count(h.customers()));
        r.put("ndcg", Formats.decimal(h.ndcg(), 4));
        r.put("recall", Formats.decimal(h.recall(), 4));
        r.put("precision", Formats.decimal(h.precision(), 4));
        r.put("hitRate", Formats.percent(h.hitRate()));
        r.put("popularityNdcg", Formats.decimal(h.popularityNdcg(), 4));
        r.put("popularityRecall", Formats.decimal(h.popularityRecall(), 4));
      }
      out.add(r);
    }
    return out;
  }

  /**
   * The chart's data, oldest first, as JSON for a {@code data-} attribute: one point per model with
   * holdout figures (version, time, NDCG, recall, hit rate and the popularity baseline's NDCG and
   * recall). Numbers only and fixed keys, so it is written by hand.
   */
  static String chartJson(List<ModelInfo> newestFirst) {
    StringBuilder s = new StringBuilder("[");
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      ModelInfo m = newestFirst.get(i);
      HoldoutCheck.Result h = m.metrics();
      if (h == null || h.customers() == 0) {
        continue;
      }
      if (s.length() > 1) {
        s.append(',');
      }
      s.append("{\"version\":")
          .append(m.version())
          .append(",\"at\":\"")
          .append(Formats.time(m.createdAt()))
          .append("\",\"ndcg\":")
          .append(number(h.ndcg()))
          .append(",\"recall\":")
          .append(number(h.recall()))
          .append(",\"hitRate\":")
          .append(number(h.hitRate()))
          .append(",\"popularityNdcg\":")
          .append(number(h.popularityNdcg()))
          .append(",\"popularityRecall\":")
          .append(number(h.popularityRecall()))
          .append('}');
    }
    return s.append(']').toString();
  }

  private static String number(double v) {
    return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.5f", v) : "null";
  }

  private static String seconds(long millis) {
    return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
