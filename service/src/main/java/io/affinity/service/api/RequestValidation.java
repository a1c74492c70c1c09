package io.affinity.service.api;

import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Validates request bodies and reports every violation with its path ({@code [3].email}), so that
 * nothing of an invalid request, single or batch, is written.
 */
@Singleton
public class RequestValidation {
  /** The most items one batch request may carry. */
  public static final int MAX_BATCH = 10_000;

  private final Validator validator;

  public RequestValidation(Validator validator) {
    this.validator = validator;
  }

  /** Checks one body; {@link InvalidInputException} listing every violation. */
  public <T> T check(@Nullable T body) {
    if (body == null) {
      throw new InvalidInputException("body", "a JSON object is required");
    }
    List<FieldError> errors = new ArrayList<>();
    collect(body, "", errors);
    throwIfAny(errors);
    return body;
  }

  /** Checks a batch: 1 to {@link #MAX_BATCH} items, each valid. */
  public <T> List<T> checkBatch(@Nullable List<T> items) {
    if (items == null || items.isEmpty()) {
      throw new InvalidInputException("body", "a JSON array with at least one item is required");
    }
    if (items.size() > MAX_BATCH) {
      throw new InvalidInputException(
          "body", "at most " + MAX_BATCH + " items per request, got " + items.size());
    }
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null) {
        errors.add(new FieldError("[" + i + "]", "must be an object, not null"));
      } else {
        collect(items.get(i), "[" + i + "].", errors);
      }
    }
    throwIfAny(errors);
    return items;
  }

  private <T> void collect(T body, String prefix, List<FieldError> errors) {
    validator.validate(body).stream()
        .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
        .map(
            (ConstraintViolation<T> v) ->
                new FieldError(prefix + v.getPropertyPath(), v.getMessage()))
        .forEach(errors::add);
  }

  private static void throwIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(
          errors.size() + " invalid value(s); nothing was stored", errors);
    }
  }
}
