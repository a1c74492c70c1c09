package io.affinity.service.api.triggers;

import io.affinity.campaigns.lift.LiftReport;
import io.affinity.campaigns.triggers.Firing;
import io.affinity.campaigns.triggers.Trigger;
import io.affinity.campaigns.triggers.TriggerInput;
import io.affinity.campaigns.triggers.TriggerLift;
import io.affinity.campaigns.triggers.Triggers;
import io.affinity.service.api.JsonBodies;
import io.affinity.service.api.Parameters;
import io.affinity.service.api.lift.LiftController;
import io.affinity.service.security.RequiresScope;
import io.affinity.service.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;

/**
 * Household triggers: create, edit, list, read, pause, resume, their firing log, and their lift
 * against the holdout.
 */
@Controller("/api/triggers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "triggers")
@RequiresScope(Scope.MARKETING)
public class TriggerController {
  private final Triggers triggers;
  private final TriggerLift lift;
  private final JsonBodies bodies;

  public TriggerController(Triggers triggers, TriggerLift lift, JsonBodies bodies) {
    this.triggers = triggers;
    this.lift = lift;
    this.bodies = bodies;
  }

  /**
   * Creates an active trigger. 422 naming each bad field (an unknown template or product too).
   *
   * @param json the trigger: name, categoryPrefix or productId, delayMinutes, templateId,
   *     fromAddress, fromName, audience (others, primary), includeBuyer, householdCap,
   *     householdCapDays, customerCapDays, cooldownHours, holdoutPercent, attributionDays, topic (a
   *     lower-case token such as household: members who left it are not mailed)
   * @return the trigger, with status 201
   */
  @Post
  @RequestBody(content = @Content(schema = @Schema(implementation = TriggerInput.class)))
  public HttpResponse<Trigger> create(@Nullable @Body byte[] json) {
    Trigger created = triggers.create(bodies.object(json, TriggerInput.class));
    return HttpResponse.<Trigger>status(HttpStatus.CREATED).body(created);
  }

  /**
   * Rewrites a trigger's settings (the same fields as on create; an omitted field takes its
   * default). Its status, holdout seed, {@code holdoutPercent} and {@code householdCapDays} stay
   * (422 if either differs). The window already running keeps the template version and sender it
   * started with.
   *
   * @param id the trigger's id
   * @param json the trigger's new settings
   * @return the trigger
   */
  @Put("/{id}")
  @RequestBody(content = @Content(schema = @Schema(implementation = TriggerInput.class)))
  public Trigger update(@PathVariable String id, @Nullable @Body byte[] json) {
    return triggers.update(id(id), bodies.object(json, TriggerInput.class));
  }

  /** A trigger's firing log: outcome counts and the latest evaluations. */
  @Serdeable
  public record FiringLog(Map<String, Long> outcomes, List<Firing> latest) {}

  /**
   * The trigger's firing log: how many purchases it evaluated with each outcome (fired, held-out,
   * capped, cooldown, no-audience, cancelled, late, sensitive) and the latest evaluations.
   *
   * @param id the trigger's id
   * @param limit at most this many evaluations (1 to 500, default 50)
   * @return the log
   */
  @Get("/{id}/firings")
  public FiringLog firings(@PathVariable String id, @Nullable @QueryValue String limit) {
    long trigger = id(id);
    int n = number("limit", limit, 50, 1, 500);
    return new FiringLog(triggers.outcomes(trigger), triggers.firings(trigger, n));
  }

  /**
   * Triggers, newest first.
   *
   * @param limit at most this many (1 to 500, default 50)
   * @param offset skip this many
   * @return the triggers
   */
  @Get
  public List<Trigger> list(
      @Nullable @QueryValue String limit, @Nullable @QueryValue String offset) {
    return triggers.list(
        number("limit", limit, 50, 1, 500), number("offset", offset, 0, 0, 1_000_000));
  }

  /**
   * A trigger.
   *
   * @param id the trigger's id
   * @return the trigger
   */
  @Get("/{id}")
  public Trigger find(@PathVariable String id) {
    return triggers.find(id(id));
  }

  /**
   * Pauses a trigger: purchases are no longer evaluated, and its campaigns' waiting messages are
   * held. 409 if it is paused already.
   *
   * @param id the trigger's id
   * @return the trigger
   */
  @Post("/{id}/pause")
  public Trigger pause(@PathVariable String id) {
    return triggers.pause(id(id));
  }

  /**
   * The same as {@code POST /{id}/pause}.
   *
   * @param id the trigger's id
   * @return the trigger
   */
  @Put("/{id}/pause")
  public Trigger pausePut(@PathVariable String id) {
    return pause(id);
  }

  /**
   * Resumes a paused trigger; purchases received while it was paused are not evaluated. 409 if it
   * is active already.
   *
   * @param id the trigger's id
   * @return the trigger
   */
  @Post("/{id}/resume")
  public Trigger resume(@PathVariable String id) {
    return triggers.resume(id(id));
  }

  /**
   * The same as {@code POST /{id}/resume}.
   *
   * @param id the trigger's id
   * @return the trigger
   */
  @Put("/{id}/resume")
  public Trigger resumePut(@PathVariable String id) {
    return resume(id);
  }

  /**
   * The trigger's lift: treatment against holdout over all its window campaigns (see docs/lift.md).
   * 409 if it has never fired.
   *
   * @param id the trigger's id
   * @param cuped adjust revenue per recipient by pre-period spend (CUPED)
   * @param by also split by {@code variant} or {@code rfm} segment
   * @return the report; its {@code campaign} describes the trigger
   */
  @Get("/{id}/lift")
  public LiftReport lift(
      @PathVariable String id,
      @QueryValue(defaultValue = "false") boolean cuped,
      @Nullable @QueryValue String by) {
    return lift.report(id(id), cuped, LiftController.grouping(by));
  }

  private static long id(String id) {
    return Parameters.id("trigger", id);
  }

  private static int number(String field, String value, int dflt, int min, int max) {
    return (int) Parameters.wholeNumber(field, value, dflt, min, max);
  }
}
