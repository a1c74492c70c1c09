package io.affinity.campaigns.segments;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/** Segments as the API sees them: save, update, read, and preview saved or unsaved definitions. */
@Singleton
public class Segments {
  private final SegmentStore store;
  private final SegmentAudience audience;
  private final RuleCompiler compiler;

  public Segments(SegmentStore store, SegmentAudience audience, RuleCompiler compiler) {
    this.store = store;
    this.audience = audience;
    this.compiler = compiler;
  }

  /**
   * Checks and saves a new segment.
   *
   * @throws io.affinity.core.error.InvalidInputException naming every bad field and rule, or a
   *     product or category no product has
   */
  public SegmentView create(Map<?, ?> body) {
    SegmentDefinition d = checked(body, true);
    return store.find(store.create(d));
  }

  /**
   * Checks {@code body} and saves it as the next version of segment {@code id}.
   *
   * @throws io.affinity.core.error.NotFoundException if there is no such segment
   */
  public SegmentView update(long id, Map<?, ?> body) {
    SegmentDefinition d = checked(body, true);
    store.update(id, d);
    return store.find(id);
  }

  /** Segment {@code id} with its version history. */
  public SegmentView find(long id) {
    return store.find(id);
  }

  /** Segments, most recently updated first: at most {@code limit}, skipping {@code offset}. */
  public List<SegmentSummary> list(int limit, int offset) {
    return store.list(limit, offset);
  }

  /** What the current version of segment {@code id} selects now. */
  public SegmentPreview preview(long id) {
    return audience.preview(store.current(id).rules());
  }

  /** What an unsaved definition would select now. */
  public SegmentPreview preview(Map<?, ?> body) {
    return audience.preview(SegmentDefinition.parse(body, false).rules());
  }

  /** How many customers the current version of segment {@code id} selects now. */
  public long count(long id) {
    return audience.count(store.current(id).rules());
  }

  /**
   * The definition, checked against the grammar and against the data: a rule naming a product or a
   * category that no product has is refused now rather than silently selecting nobody later.
   * Predicted-affinity rules are resolved only when used, since they need a trained model.
   */
  private SegmentDefinition checked(Map<?, ?> body, boolean nameRequired) {
    SegmentDefinition d = SegmentDefinition.parse(body, nameRequired);
    ReferenceCheck.check(d.rules(), compiler);
    return d;
  }
}
