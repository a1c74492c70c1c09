package io.affinity.service.api.events;

import io.affinity.core.event.EventIngestor;
import io.affinity.core.event.EventInput;
import io.affinity.core.event.IngestResult;
import io.affinity.service.api.JsonBodies;
import io.affinity.service.security.RequiresScope;
import io.affinity.service.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Events: purchases, returns, views, carts, visits and campaign responses. */
@Controller("/api/events")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "events")
public class EventController {
  private final EventIngestor ingestor;
  private final JsonBodies bodies;

  public EventController(EventIngestor ingestor, JsonBodies bodies) {
    this.ingestor = ingestor;
    this.bodies = bodies;
  }

  /**
   * Stores one event (a JSON object) or a batch of up to 10,000 (a JSON array), all or nothing: if
   * any event is invalid, none is stored and every problem is listed with its position. An event
   * whose {@code eventId} is already stored is skipped, so a retried batch adds nothing. Customers
   * and products first seen are created; campaign responses (open, click, unsubscribe, conversion)
   * need a known customer.
   *
   * @param body one event or an array of events
   * @return how many events were stored and how many were duplicates
   */
  @Post
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresScope(Scope.INGEST)
  @RequestBody(
      content =
          @Content(
              schema =
                  @Schema(
                      oneOf = {EventInput.class, EventInputArray.class},
                      description = "One event, or an array of up to 10,000 events")))
  public IngestResult ingest(@Nullable @Body byte[] body) {
    return ingestor.ingest(bodies.objectOrArray(body, EventInput.class));
  }

  /** The batch form of the body, for the OpenAPI document. */
  @ArraySchema(schema = @Schema(implementation = EventInput.class), maxItems = 10_000)
  interface EventInputArray {}
}
