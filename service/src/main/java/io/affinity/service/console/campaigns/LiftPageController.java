package io.affinity.service.console.campaigns;

import io.affinity.campaigns.lift.CampaignFacts;
import io.affinity.campaigns.lift.CampaignNotStartedException;
import io.affinity.campaigns.lift.Grouping;
import io.affinity.campaigns.lift.LiftReport;
import io.affinity.campaigns.lift.LiftReports;
import io.affinity.core.error.NotFoundException;
import io.affinity.service.console.ConsoleViews;
import io.affinity.service.console.Formats;
import io.affinity.service.console.Page;
import io.affinity.service.console.WebJars;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /console/campaigns/{id}/report}: the lift report of a campaign, overall, by variant
 * and by RFM segment, with a chart of each split (ECharts from its WebJar, drawn by {@code
 * assets/campaign-charts.js} from the figures in the chart's {@code data-figures} attribute: the
 * page's policy allows no inline script) and every warning listed at the top. Every role may read.
 */
@Hidden
@Controller("/console/campaigns/{id}/report")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LiftPageController {
  private final LiftReports reports;
  private final ConsoleViews views;
  private final JsonMapper json;
  private final String echarts = WebJars.path("echarts", "dist/echarts.min.js");

  public LiftPageController(LiftReports reports, ConsoleViews views, JsonMapper json) {
    this.reports = reports;
    this.views = views;
    this.json = json;
  }

  /** The report, or a page saying why there is none yet. */
  @Get(produces = MediaType.TEXT_HTML)
  public HttpResponse<String> report(@PathVariable String id, Authentication authentication) {
    CampaignFacts campaign;
    try {
      campaign = reports.campaign(Roles.id(id));
    } catch (NotFoundException e) {
      return views.page(
          HttpStatus.NOT_FOUND,
          "campaign-missing",
          CampaignsController.missing(id, authentication));
    }
    Map<String, Object> model =
        Page.of("Lift report: " + campaign.name(), "campaigns", authentication);
    model.put("id", Long.toString(campaign.id()));
    model.put("name", campaign.name());
    model.put("kind", campaign.kind());
    LiftReport byVariant;
    LiftReport bySegment;
    try {
      byVariant = reports.report(campaign.id(), false, Grouping.VARIANT);
      bySegment = reports.report(campaign.id(), false, Grouping.RFM);
    } catch (CampaignNotStartedException e) {
      model.put("notStarted", true);
      return views.page("campaign-report", model);
    }
    model.put("notStarted", false);
    model.put("overall", LiftFigures.row(byVariant.overall()));
    model.put("variants", LiftFigures.rows(byVariant));
    model.put("segments", LiftFigures.rows(bySegment));
    model.put("warnings", LiftFigures.warnings(byVariant, bySegment));
    model.put("window", campaign.attributionDays() + " days");
    model.put("started", Formats.time(Instant.ofEpochMilli(campaign.startedAt())));
    model.put(
        "variantFigures",
        write(LiftFigures.chart("Conversion rate by variant", "Variant", byVariant)));
    model.put(
        "segmentFigures",
        write(LiftFigures.chart("Conversion rate by RFM segment", "Treatment", bySegment)));
    model.put("generated", Formats.time(Instant.ofEpochMilli(byVariant.generatedAt())));
    model.put("echartsPath", echarts);
    return views.page("campaign-report", model);
  }

  private String write(Object figures) {
    try {
      return json.writeValueAsString(figures);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
