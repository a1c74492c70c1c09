package io.affinity.service.console.segments;

import io.affinity.campaigns.segments.SegmentSnapshots;
import io.affinity.campaigns.segments.SegmentSummary;
import io.affinity.campaigns.segments.SegmentVersion;
import io.affinity.campaigns.segments.SegmentView;
import io.affinity.campaigns.segments.Segments;
import io.affinity.campaigns.segments.Snapshot;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;
import io.affinity.core.error.UnavailableException;
import io.affinity.service.console.ConsoleViews;
import io.affinity.service.console.Formats;
import io.affinity.service.console.Page;
import io.affinity.service.console.session.CsrfGuard;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /console/segments}: the list; {@code GET /console/segments/{id}}: one segment with
 * what it selects now, its rules, versions and snapshots; taking a snapshot. Every signed-in role
 * may look; marketers and admins take snapshots (the rule builder is {@link
 * SegmentEditorController}).
 */
@Hidden
@Controller("/console/segments")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SegmentsController {
  /** Segments per page of the list. */
  static final int PAGE = 50;

  /** Snapshots the segment page lists. */
  static final int SNAPSHOTS = 20;

  private final Segments segments;
  private final SegmentSnapshots snapshots;
  private final SegmentChanges changes;
  private final ConsoleViews views;
  private final CsrfGuard csrf;

  public SegmentsController(
      Segments segments,
      SegmentSnapshots snapshots,
      SegmentChanges changes,
      ConsoleViews views,
      CsrfGuard csrf) {
    this.segments = segments;
    this.changes = changes;
    this.snapshots = snapshots;
    this.views = views;
    this.csrf = csrf;
  }

  /** The segments, most recently updated first, {@value #PAGE} a page. */
  @Get(produces = MediaType.TEXT_HTML)
  public HttpResponse<String> list(
      @Nullable @QueryValue String page, Authentication authentication) {
    int number = pageNumber(page);
    // One more than a page tells whether there is a next one.
    List<SegmentSummary> rows = segments.list(PAGE + 1, (number - 1) * PAGE);
    Map<String, Object> model = Page.of("Segments", "segments", authentication);
    model.put(
        "segments",
        rows.stream()
            .limit(PAGE)
            .map(
                s ->
                    Map.of(
                        "id", s.id(),
                        "name", s.name(),
                        "description", Formats.text(s.description()),
                        "version", s.version(),
                        "updated", Formats.time(s.updatedAt())))
            .toList());
    model.put("page", number);
    model.put("next", rows.size() > PAGE);
    model.put("canEdit", SegmentEditorController.mayEdit(authentication));
    return views.page("segments", model);
  }

  /** How many customers segment {@code id} selects now: a fragment for the list. */
  @Get(value = "/{id}/count", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> count(@PathVariable String id) {
    String text;
    try {
      text = Formats.count(segments.count(number(id)));
    } catch (NotFoundException e) {
      text = "no such segment";
    } catch (UnavailableException e) {
      text = "needs a trained model";
    } catch (InvalidInputException e) {
      text = "its rules name something gone";
    }
    return views.page("segments-count", Map.of("count", text));
  }

  /** The segment: what it selects now, its rules, versions and snapshots. */
  @Get(value = "/{id}", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> segment(
      @PathVariable String id, @Nullable @QueryValue String taken, Authentication authentication) {
    SegmentView s;
    try {
      s = segments.find(number(id));
    } catch (NotFoundException e) {
      return notFound(views, id, authentication);
    }
    Map<String, Object> model = Page.of(s.name(), "segments", authentication);
    model.put("segment", segmentModel(s));
    model.put("preview", PreviewModel.of(() -> segments.preview(s.id())));
    List<Snapshot> frozen = snapshots.ofSegment(s.id(), SNAPSHOTS);
    model.put(
        "snapshots",
        frozen.stream()
            .map(
                f ->
                    Map.of(
                        "id", f.id(),
                        "version", f.segmentVersion(),
                        "size", Formats.count(f.size()),
                        "created", Formats.time(f.createdAt())))
            .toList());
    model.put("taken", taken == null ? "" : taken);
    model.put("canEdit", SegmentEditorController.mayEdit(authentication));
    return views.page("segments-view", model);
  }

  /** Freezes the segment's current version into a snapshot and shows it on the segment's page. */
  @Secured({"marketer", "admin"})
  @Post(value = "/{id}/snapshots", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<?> freeze(
      HttpRequest<?> request,
      @PathVariable String id,
      @Nullable @Body String body,
      Authentication authentication) {
    csrf.check(request, SegmentForm.parse(body).csrfToken());
    Snapshot taken;
    try {
      taken = changes.freeze(number(id), authentication.getName());
    } catch (NotFoundException e) {
      return notFound(views, id, authentication);
    }
    return HttpResponse.seeOther(
        URI.create("/console/segments/" + taken.segmentId() + "?taken=" + taken.id()));
  }

  private static Map<String, Object> segmentModel(SegmentView s) {
    return Map.of(
        "id", s.id(),
        "name", s.name(),
        "description", s.description() == null ? "" : s.description(),
        "version", s.version(),
        "created", Formats.time(s.createdAt()),
        "updated", Formats.time(s.updatedAt()),
        "rules", RuleText.of(s.rules()),
        "versions", s.versions().stream().map(SegmentsController::versionModel).toList());
  }

  private static Map<String, Object> versionModel(SegmentVersion v) {
    return Map.of(
        "version", v.version(),
        "name", v.name(),
        "created", Formats.time(v.createdAt()),
        "rules", RuleText.of(v.rules()));
  }

  /** The 404 page of a segment id that names none. */
  static HttpResponse<String> notFound(
      ConsoleViews views, String id, Authentication authentication) {
    Map<String, Object> model = Page.of("Segment not found", "segments", authentication);
    model.put("id", id);
    return views.page(HttpStatus.NOT_FOUND, "segments-not-found", model);
  }

  /** A segment id from the path; anything else names no segment. */
  static long number(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new NotFoundException("segment", id);
    }
  }

  private static int pageNumber(@Nullable String page) {
    try {
      int n = page == null ? 1 : Integer.parseInt(page.strip());
      return Math.max(1, Math.min(n, 100_000));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
