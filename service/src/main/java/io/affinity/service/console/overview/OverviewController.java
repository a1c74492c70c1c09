package io.affinity.service.console.overview;

import io.affinity.service.console.ConsoleViews;
import io.affinity.service.console.Page;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;

/** The console's first page, {@code GET /console}: for every signed-in user. */
@Hidden
@Controller("/console")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class OverviewController {
  private final OverviewModel overview;
  private final ConsoleViews views;

  public OverviewController(OverviewModel overview, ConsoleViews views) {
    this.overview = overview;
    this.views = views;
  }

  /** The overview. */
  @Get(produces = MediaType.TEXT_HTML)
  public HttpResponse<String> overview(Authentication authentication) {
    Map<String, Object> model = Page.of("Overview", "overview", authentication);
    model.putAll(overview.figures());
    return views.page("overview", model);
  }
}
