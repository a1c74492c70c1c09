package io.affinity.service.console.segments;

import io.affinity.campaigns.segments.SegmentPreview;
import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.UnavailableException;
import io.affinity.service.console.Formats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A preview as the page shows it: the count, the split by RFM segment (largest first) and the
 * sample with links to the customers; or why there is none (rules with problems, no model).
 */
final class PreviewModel {
  private PreviewModel() {}

  /** The preview {@code run} computes, or the reason it could not. */
  static Map<String, Object> of(Supplier<SegmentPreview> run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("errors", List.of());
    try {
      SegmentPreview p = run.get();
      m.put("count", Formats.count(p.count()));
      m.put("total", p.count());
      List<Map<String, Object>> split = new ArrayList<>();
      p.byRfmSegment().entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(
              e ->
                  split.add(
                      Map.of(
                          "segment", e.getKey(),
                          "count", Formats.count(e.getValue()),
                          "value", e.getValue(),
                          "share",
                              Formats.percent(
                                  p.count() == 0 ? null : e.getValue() / (double) p.count()))));
      m.put("split", split);
      List<Map<String, String>> sample = new ArrayList<>();
      for (SegmentPreview.Member member : p.sample()) {
        sample.add(
            Map.of(
                "id", member.id(),
                "name", Formats.text(member.name()),
                "country", Formats.text(member.country()),
                "rfm", Formats.text(member.rfmSegment())));
      }
      m.put("sample", sample);
    } catch (InvalidInputException e) {
      m.put("errors", errors(e));
    } catch (UnavailableException e) {
      m.put("unavailable", e.getMessage());
    }
    return m;
  }

  /** The problems of {@code e} as the page lists them: the rule's path and the reason. */
  static List<Map<String, String>> errors(InvalidInputException e) {
    return e.errors().stream().map(PreviewModel::error).toList();
  }

  private static Map<String, String> error(FieldError f) {
    return Map.of("field", f.field(), "reason", f.reason());
  }
}
