package io.affinity.service.console.campaigns;

import io.affinity.campaigns.segments.SegmentSummary;
import io.affinity.campaigns.segments.Segments;
import io.affinity.campaigns.templates.TemplateService;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** What the draft form offers to choose from: the saved segments and the templates, by name. */
@Singleton
class Choices {
  private final Segments segments;
  private final TemplateService templates;

  Choices(Segments segments, TemplateService templates) {
    this.segments = segments;
    this.templates = templates;
  }

  /** Each segment as {@code id} and {@code name} (its current version's), by name. */
  List<Map<String, String>> segments() {
    return segments.list(Integer.MAX_VALUE, 0).stream()
        .sorted(Comparator.comparing(SegmentSummary::name).thenComparingLong(SegmentSummary::id))
        .map(s -> Map.of("id", Long.toString(s.id()), "name", s.name()))
        .toList();
  }

  /** Each template as {@code id} and {@code name} (with its key). */
  List<Map<String, String>> templates() {
    return templates.list().stream()
        .map(t -> Map.of("id", Long.toString(t.id()), "name", t.name() + " (" + t.key() + ")"))
        .toList();
  }
}
