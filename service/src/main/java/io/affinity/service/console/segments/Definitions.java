package io.affinity.service.console.segments;

import io.affinity.campaigns.segments.SegmentPreview;
import io.affinity.campaigns.segments.Segments;
import io.affinity.core.error.InvalidInputException;
import io.affinity.service.api.JsonBodies;
import io.affinity.service.problem.MalformedRequestException;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a posted segment form into the definition the segments API takes ({@code name}, {@code
 * description}, {@code rules}) and hands it to {@link Segments}, the service behind {@code
 * /api/segments}: the console saves and previews exactly as the API does.
 */
@Singleton
class Definitions {
  private final Segments segments;
  private final JsonBodies bodies;

  Definitions(Segments segments, JsonBodies bodies) {
    this.segments = segments;
    this.bodies = bodies;
  }

  /**
   * Saves the form as a new segment; returns its id.
   *
   * @throws InvalidInputException naming every bad field and rule by its path
   */
  long create(SegmentForm form) {
    return segments.create(definition(form, true)).id();
  }

  /**
   * Saves the form as the next version of segment {@code id}.
   *
   * @throws InvalidInputException naming every bad field and rule by its path
   * @throws io.affinity.core.error.NotFoundException if there is no such segment
   */
  void update(long id, SegmentForm form) {
    segments.update(id, definition(form, true));
  }

  /**
   * What the form's rules would select now.
   *
   * @throws InvalidInputException naming every bad rule by its path
   * @throws io.affinity.core.error.UnavailableException for predicted affinity without a model
   */
  SegmentPreview preview(SegmentForm form) {
    return segments.preview(definition(form, false));
  }

  private Map<String, Object> definition(SegmentForm form, boolean named) {
    if (form.tooLarge()) {
      throw new InvalidInputException(
          "rules", "the form is larger than " + SegmentForm.MAX_BODY + " characters");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (named) {
      body.put("name", form.name());
      if (!form.description().isEmpty()) {
        body.put("description", form.description());
      }
    }
    body.put("rules", rules(form.rules()));
    return body;
  }

  /** The rule tree in {@code json}, read as strictly as the API reads bodies. */
  private Object rules(String json) {
    if (json.isBlank()) {
      throw new InvalidInputException("rules", "is missing; add a rule");
    }
    try {
      return bodies.object(json.getBytes(StandardCharsets.UTF_8), Map.class);
    } catch (MalformedRequestException e) {
      throw new InvalidInputException("rules", "is not a rule tree: " + e.getMessage());
    }
  }
}
