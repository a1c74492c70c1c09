package io.affinity.core.customer;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/** Checks {@link NotInTheFuture}: null, or no more than {@link #SKEW} ahead of now. */
@Singleton
public class NotInTheFutureValidator implements ConstraintValidator<NotInTheFuture, Instant> {
  /** How far ahead a client's clock may be. */
  public static final Duration SKEW = Duration.ofMinutes(5);

  @Override
  public boolean isValid(
      Instant value,
      AnnotationValue<NotInTheFuture> annotation,
      ConstraintValidatorContext context) {
    return value == null || !value.isAfter(Instant.now().plus(SKEW));
  }
}
