package io.affinity.service.api.lift;

import io.affinity.campaigns.lift.Grouping;
import io.affinity.campaigns.lift.LiftReport;
import io.affinity.campaigns.lift.LiftReports;
import io.affinity.core.error.InvalidInputException;
import io.affinity.service.security.RequiresScope;
import io.affinity.service.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A campaign's lift against its control group, as JSON, and signed links to its HTML report. */
@Controller("/api/campaigns")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "lift")
@RequiresScope(Scope.MARKETING)
public class LiftController {
  private final LiftReports reports;
  private final ReportLinks links;

  public LiftController(LiftReports reports, ReportLinks links) {
    this.reports = reports;
    this.links = links;
  }

  /**
   * The lift of a campaign: recipients, conversion rate, revenue per recipient and average order
   * value for treatment and control; absolute and relative lift with 95% intervals, a z-test for
   * conversion and Welch's t-test for revenue, incremental conversions and revenue, and a power
   * warning. See docs/lift.md.
   *
   * @param id the campaign
   * @param cuped adjust revenue per recipient by pre-campaign spend (CUPED)
   * @param by also split by {@code variant} (each against control) or {@code rfm} segment
   * @return the report
   */
  @Get("/{id}/lift")
  public LiftReport lift(
      @PathVariable long id,
      @QueryValue(defaultValue = "false") boolean cuped,
      @Nullable @QueryValue String by) {
    return reports.report(id, cuped, grouping(by));
  }

  /**
   * A short-lived signed link to the HTML report, to open in a browser without an API key.
   *
   * @param id the campaign
   * @return the link and when it expires
   */
  @Post("/{id}/report-links")
  public ReportLinks.Link reportLink(@PathVariable long id) {
    reports.campaign(id); // 404 for an unknown campaign
    return links.create(id);
  }

  /** The grouping named by {@code by}; 422 for anything but variant or rfm. */
  public static Grouping grouping(@Nullable String by) {
    if (by == null || by.isBlank()) {
      return Grouping.NONE;
    }
    for (Grouping g : Grouping.values()) {
      if (g != Grouping.NONE && g.wireName().equals(by)) {
        return g;
      }
    }
    throw new InvalidInputException("by", "must be 'variant' or 'rfm', got '" + by + "'");
  }
}
