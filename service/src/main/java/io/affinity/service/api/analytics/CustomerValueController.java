package io.affinity.service.api.analytics;

import io.affinity.core.error.NotFoundException;
import io.affinity.core.value.CustomerValueQueries;
import io.affinity.core.value.RecomputeJob;
import io.affinity.core.value.RecomputeJobs;
import io.affinity.core.value.ValueSummary;
import io.affinity.service.security.RequiresScope;
import io.affinity.service.security.Scope;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;

/** Customer value across the base: the summary, and the full recompute as a background job. */
@Controller("/api/analytics/customer-value")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresScope(Scope.MARKETING)
@Tag(name = "analytics")
public class CustomerValueController {
  private final CustomerValueQueries queries;
  private final RecomputeJobs jobs;

  public CustomerValueController(CustomerValueQueries queries, RecomputeJobs jobs) {
    this.queries = queries;
    this.jobs = jobs;
  }

  /**
   * How concentrated revenue is (share of the top decile of buyers) and the size, revenue and
   * predicted 12-month value of each RFM segment, with the models of the last full run.
   *
   * @return the summary
   */
  @Get
  public ValueSummary summary() {
    return queries.summary();
  }

  /**
   * Recomputes every customer's metrics in the background: new quintiles, newly fitted models (or
   * returns the run already going).
   *
   * @return 202 with the job; follow it at {@code /api/analytics/customer-value/jobs/{id}}
   */
  @Post("/recompute")
  public HttpResponse<RecomputeJob.Status> recompute() {
    RecomputeJob job = jobs.start();
    return HttpResponse.accepted(URI.create("/api/analytics/customer-value/jobs/" + job.id()))
        .body(job.status());
  }

  /**
   * A recompute job: state, phase, progress (0 to 1) and, once done, what it computed.
   *
   * @param id the job id
   * @return the job
   */
  @Get("/jobs/{id}")
  public RecomputeJob.Status job(@PathVariable long id) {
    return jobs.find(id)
        .map(RecomputeJob::status)
        .orElseThrow(() -> new NotFoundException("customer value job", Long.toString(id)));
  }
}
