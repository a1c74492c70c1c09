package io.affinity.service.console.models;

import io.affinity.core.audit.AuditLog;
import io.affinity.recommender.model.ModelHolder;
import io.affinity.recommender.model.ModelInfo;
import io.affinity.recommender.model.ModelRegistry;
import io.affinity.recommender.model.TrainingJob;
import io.affinity.recommender.model.TrainingJobs;
import io.affinity.service.console.ConsoleViews;
import io.affinity.service.console.Page;
import io.affinity.service.console.PostedForm;
import io.affinity.service.console.WebJars;
import io.affinity.service.console.session.CsrfGuard;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.transaction.TransactionOperations;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models page, {@code /console/models}: everyone signed in reads the registry, the chart and
 * the stored evaluation; admins train (the API's admin scope: {@code POST /api/models/train}). The
 * progress of a run is polled by htmx every second from {@code /console/models/jobs/{id}}, a
 * fragment that stops the polling once the run has ended and then reloads the page.
 */
@Hidden
@Controller("/console/models")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ModelsController {
  /** Audit action: someone started training from the console. */
  public static final String TRAIN = "model-train";

  /** Audit subject type: a training job, by its id. */
  public static final String TRAINING_JOB = "training-job";

  private static final int MODELS = 50;

  private final ModelRegistry registry;
  private final ModelHolder holder;
  private final TrainingJobs jobs;
  private final StoredEvaluation evaluation;
  private final AuditLog audit;
  private final TransactionOperations<Connection> tx;
  private final ConsoleViews views;
  private final CsrfGuard csrf;
  private final String echarts = WebJars.path("echarts", "dist/echarts.min.js");

  public ModelsController(
      ModelRegistry registry,
      ModelHolder holder,
      TrainingJobs jobs,
      StoredEvaluation evaluation,
      AuditLog audit,
      TransactionOperations<Connection> tx,
      ConsoleViews views,
      CsrfGuard csrf) {
    this.registry = registry;
    this.holder = holder;
    this.jobs = jobs;
    this.evaluation = evaluation;
    this.audit = audit;
    this.tx = tx;
    this.views = views;
    this.csrf = csrf;
  }

  /** The registry, the chart, the latest training run and the stored evaluation. */
  @Get(produces = MediaType.TEXT_HTML)
  public HttpResponse<String> page(Authentication authentication) {
    Map<String, Object> model = Page.of("Models", "models", authentication);
    List<ModelInfo> models = registry.latest(MODELS);
    Long served = holder.info().map(ModelInfo::version).orElse(null);
    model.put("models", ModelRows.rows(models, served));
    model.put("served", served == null ? "" : served.toString());
    model.put("chart", ModelRows.chartJson(models));
    model.put("echartsPath", echarts);
    model.put("mayTrain", authentication.getRoles().contains("admin"));
    Optional<TrainingJob> latest = jobs.latest();
    if (latest.isPresent()) {
      model.put("job", TrainingProgress.of(latest.get().status()));
    }
    Optional<Map<String, Object>> stored = evaluation.tables();
    model.put("evaluationFile", evaluation.file().toString());
    if (stored.isPresent()) {
      model.put("evaluation", stored.get());
    }
    return views.page("models", model);
  }

  /**
   * Starts training (or joins the run already going): the progress panel for htmx, else back to the
   * page, which shows the run.
   */
  @Secured("admin")
  @Post(value = "/train", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<String> train(
      HttpRequest<?> request, Authentication authentication, @Nullable @Body String body) {
    csrf.check(request, PostedForm.parse(body).csrfToken());
    boolean going = jobs.latest().filter(j -> !j.isDone()).isPresent();
    TrainingJob job = jobs.start();
    tx.executeWrite(
        status ->
            audit.append(
                status.getConnection(),
                authentication.getName(),
                TRAIN,
                TRAINING_JOB,
                Long.toString(job.id()),
                going ? "joined the run already going" : "started"));
    if (request.getHeaders().contains("HX-Request")) {
      return progress(job, authentication, false);
    }
    return HttpResponse.seeOther(URI.create("/console/models"));
  }

  /** The progress panel of job {@code id}, polled by the page while the run lasts. */
  @Get(value = "/jobs/{id}", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> job(@PathVariable String id, Authentication authentication) {
    Optional<TrainingJob> job = Optional.empty();
    try {
      job = jobs.find(Long.parseLong(id));
    } catch (NumberFormatException e) {
      // no such job
    }
    if (job.isEmpty()) {
      Map<String, Object> model = Page.of("Models", "models", authentication);
      model.put("missing", id);
      // 286 would stop htmx polling too, but a plain 200 fragment without a trigger does it.
      return views.page(HttpStatus.OK, "models-progress", model);
    }
    return progress(job.get(), authentication, true);
  }

  private MutableHttpResponse<String> progress(
      TrainingJob job, Authentication authentication, boolean reloadWhenDone) {
    Map<String, Object> model = Page.of("Models", "models", authentication);
    Map<String, Object> progress = TrainingProgress.of(job.status());
    model.put("job", progress);
    MutableHttpResponse<String> response = views.page(HttpStatus.OK, "models-progress", model);
    if (reloadWhenDone && Boolean.TRUE.equals(progress.get("done"))) {
      // The run has ended: htmx reloads the page, whose registry and chart show the new model.
      response.header("HX-Refresh", "true");
    }
    return response;
  }
}
