package io.affinity.service.api.models;

import io.affinity.core.error.NotFoundException;
import io.affinity.recommender.model.ModelHolder;
import io.affinity.recommender.model.ModelInfo;
import io.affinity.recommender.model.ModelRegistry;
import io.affinity.recommender.model.TrainingJob;
import io.affinity.recommender.model.TrainingJobs;
import io.affinity.service.security.RequiresScope;
import io.affinity.service.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;

/** Recommendation models: train, follow the job, list what is registered and served. */
@Controller("/api/models")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresScope(Scope.ADMIN)
@Tag(name = "models")
public class ModelController {
  private final TrainingJobs jobs;
  private final ModelRegistry registry;
  private final ModelHolder holder;

  public ModelController(TrainingJobs jobs, ModelRegistry registry, ModelHolder holder) {
    this.jobs = jobs;
    this.registry = registry;
    this.holder = holder;
  }

  /** The registered models, newest first, and the version being served. */
  @Serdeable
  public record Models(@Nullable Long served, List<ModelInfo> models) {}

  /**
   * Starts training a new model in the background (or returns the run already going).
   *
   * @return 202 with the job; follow it at {@code /api/models/jobs/{id}}
   */
  @Post("/train")
  public HttpResponse<TrainingJob.Status> train() {
    TrainingJob job = jobs.start();
    return HttpResponse.accepted(URI.create("/api/models/jobs/" + job.id())).body(job.status());
  }

  /**
   * A training job: state, phase, progress (0 to 1) and, once done, the model it produced.
   *
   * @param id the job id
   * @return the job
   */
  @Get("/jobs/{id}")
  public TrainingJob.Status job(@PathVariable long id) {
    return jobs.find(id)
        .map(TrainingJob::status)
        .orElseThrow(() -> new NotFoundException("training job", Long.toString(id)));
  }

  /**
   * The models, newest first: version, data window, counts, training time, signals, status.
   *
   * @return the models and the version served
   */
  @Get
  public Models list() {
    return new Models(holder.info().map(ModelInfo::version).orElse(null), registry.latest(20));
  }
}
