package io.affinity.service.api.lift;

import io.affinity.campaigns.lift.LiftReports;
import io.affinity.service.problem.ProblemType;
import io.affinity.service.problem.Problems;
import io.affinity.service.security.ApiKeyFilter;
import io.affinity.service.security.ApiKeys;
import io.affinity.service.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;

/**
 * The HTML lift report of a campaign. It lives outside {@code /api} (a browser opens it), so it
 * checks access itself: an API key with the marketing (or admin) scope in {@code X-API-Key} or
 * {@code Authorization: Bearer}, or a signed link from {@code POST
 * /api/campaigns/{id}/report-links} that names this campaign and has not expired.
 */
@Controller("/reports/campaigns")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "lift")
public class CampaignReportController {
  private static final Scope[] ALLOWED = {Scope.MARKETING};

  private final LiftReports reports;
  private final ReportPage page;
  private final ReportLinks links;
  private final ApiKeys keys;

  public CampaignReportController(
      LiftReports reports, ReportPage page, ReportLinks links, ApiKeys keys) {
    this.reports = reports;
    this.page = page;
    this.links = links;
    this.keys = keys;
  }

  /**
   * The report as a page with inline SVG charts.
   *
   * @param id the campaign
   * @param expires a signed link's expiry (epoch seconds)
   * @param signature a signed link's signature
   * @param cuped adjust revenue by pre-campaign spend
   * @param by also split by {@code variant} or {@code rfm}
   * @return the page, or a problem document when access is refused
   */
  @Get(value = "/{id}", produces = MediaType.TEXT_HTML)
  public HttpResponse<?> report(
      HttpRequest<?> request,
      @PathVariable long id,
      @Nullable @QueryValue Long expires,
      @Nullable @QueryValue String signature,
      @QueryValue(defaultValue = "false") boolean cuped,
      @Nullable @QueryValue String by) {
    HttpResponse<?> refused = refusal(request, id, expires, signature);
    if (refused != null) {
      return refused;
    }
    String html = page.render(reports.report(id, cuped, LiftController.grouping(by)));
    return HttpResponse.ok(html)
        .contentType(MediaType.TEXT_HTML_TYPE.getName() + ";charset=utf-8")
        // The page is self-contained: nothing may load, no script may run, and the signed link
        // does not leak to other sites through the Referer header.
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        .header("Referrer-Policy", "no-referrer")
        .header(HttpHeaders.CACHE_CONTROL, "no-store");
  }

  /** Null when the request may see the report, else the problem response. */
  private HttpResponse<?> refusal(
      HttpRequest<?> request, long id, @Nullable Long expires, @Nullable String signature) {
    String key = presentedKey(request);
    if (key != null) {
      Optional<ApiKeys.Holder> holder = keys.find(key);
      if (holder.isEmpty()) {
        return Problems.of(
            ProblemType.UNAUTHORIZED, request, "The API key is not valid", List.of());
      }
      if (!holder.get().mayUse(ALLOWED)) {
        return Problems.of(
            ProblemType.FORBIDDEN, request, "The report needs the scope marketing", List.of());
      }
      return null;
    }
    if (expires != null && signature != null) {
      return links.accepts(id, expires, signature)
          ? null
          : Problems.of(
              ProblemType.FORBIDDEN,
              request,
              "The link is not valid for this campaign or has expired; ask for a new one",
              List.of());
    }
    return Problems.of(
            ProblemType.UNAUTHORIZED,
            request,
            "Send an API key with the marketing scope in the "
                + ApiKeyFilter.HEADER
                + " header, or open a signed link from POST /api/campaigns/"
                + id
                + "/report-links",
            List.of())
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
  }

  private static String presentedKey(HttpRequest<?> request) {
    String key = request.getHeaders().get(ApiKeyFilter.HEADER);
    if (key != null && !key.isBlank()) {
      return key.trim();
    }
    String auth = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return auth.substring(7).trim();
    }
    return null;
  }
}
