package io.affinity.service.api.segments;

import io.affinity.campaigns.segments.SegmentPreview;
import io.affinity.campaigns.segments.SegmentSnapshots;
import io.affinity.campaigns.segments.SegmentSummary;
import io.affinity.campaigns.segments.SegmentView;
import io.affinity.campaigns.segments.Segments;
import io.affinity.campaigns.segments.Snapshot;
import io.affinity.service.api.JsonBodies;
import io.affinity.service.api.Parameters;
import io.affinity.service.security.RequiresScope;
import io.affinity.service.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;

/**
 * Segments for marketers: a JSON rule tree over metrics, attributes, behaviour, consent and
 * predicted affinity (see docs/segments.md), saved with every version, previewed, and frozen into
 * snapshots.
 */
@Controller("/api/segments")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "segments")
@RequiresScope(Scope.MARKETING)
public class SegmentController {
  private final Segments segments;
  private final SegmentSnapshots snapshots;
  private final JsonBodies bodies;

  public SegmentController(Segments segments, SegmentSnapshots snapshots, JsonBodies bodies) {
    this.segments = segments;
    this.snapshots = snapshots;
    this.bodies = bodies;
  }

  /**
   * Saves a new segment as version 1.
   *
   * @param json {@code {"name": ..., "description": ..., "rules": {...}}}
   * @return the segment, 201
   */
  @Post
  public HttpResponse<SegmentView> create(@Nullable @Body byte[] json) {
    return HttpResponse.created(segments.create(bodies.object(json, Map.class)));
  }

  /**
   * Saves a new version of a segment; earlier versions stay.
   *
   * @param id the segment id
   * @param json the new definition, as for create
   * @return the segment with its history
   */
  @Put("/{id}")
  public SegmentView update(@PathVariable String id, @Nullable @Body byte[] json) {
    return segments.update(segmentId(id), bodies.object(json, Map.class));
  }

  /**
   * Segments with their current version's name, most recently updated first; without rules (read
   * one segment for those).
   *
   * @param limit at most this many (1 to 500, default 50)
   * @param offset skip this many
   * @return the segments
   */
  @Get
  public List<SegmentSummary> list(
      @Nullable @QueryValue String limit, @Nullable @QueryValue String offset) {
    return segments.list(
        (int) Parameters.wholeNumber("limit", limit, 50, 1, 500),
        (int) Parameters.wholeNumber("offset", offset, 0, 0, 1_000_000));
  }

  /**
   * A segment's current version and its history, newest first.
   *
   * @param id the segment id
   * @return the segment
   */
  @Get("/{id}")
  public SegmentView find(@PathVariable String id) {
    return segments.find(segmentId(id));
  }

  /**
   * What the segment selects now: the count, a sample of customers and the split by RFM segment.
   *
   * @param id the segment id
   * @return the preview
   */
  @Get("/{id}/preview")
  public SegmentPreview preview(@PathVariable String id) {
    return segments.preview(segmentId(id));
  }

  /**
   * What an unsaved definition would select now; the name is optional.
   *
   * @param json {@code {"rules": {...}}}
   * @return the preview
   */
  @Post("/preview")
  public SegmentPreview previewUnsaved(@Nullable @Body byte[] json) {
    return segments.preview(bodies.object(json, Map.class));
  }

  /**
   * Freezes the segment's current version into a snapshot, the audience a campaign uses.
   *
   * @param id the segment id
   * @return the snapshot, 201
   */
  @Post("/{id}/snapshots")
  public HttpResponse<Snapshot> freeze(@PathVariable String id) {
    return HttpResponse.created(snapshots.freeze(segmentId(id)));
  }

  /**
   * A segment's snapshots, newest first.
   *
   * @param id the segment id
   * @param limit at most this many (1 to 500, default 50)
   * @return the snapshots
   */
  @Get("/{id}/snapshots")
  public List<Snapshot> snapshots(@PathVariable String id, @Nullable @QueryValue String limit) {
    return snapshots.ofSegment(
        segmentId(id), (int) Parameters.wholeNumber("limit", limit, 50, 1, 500));
  }

  /**
   * A snapshot: its segment, version, size and time.
   *
   * @param id the snapshot id
   * @return the snapshot
   */
  @Get("/snapshots/{id}")
  public Snapshot snapshot(@PathVariable String id) {
    return snapshots.find(number("snapshot", id));
  }

  private static long segmentId(String id) {
    return number("segment", id);
  }

  private static long number(String kind, String id) {
    return Parameters.id(kind, id);
  }
}
