package io.affinity.core.attributes;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Free-form attributes whose stored JSON text fits {@link BoundedAttributesValidator#MAX_BYTES}:
 * the column is a TEXT, which MySQL and MariaDB cap at 65,535 bytes, so a larger object would be
 * refused by the database after the request had been accepted.
 */
@Documented
@Constraint(validatedBy = {})
@Target({
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT,
  ElementType.METHOD
})
@Retention(RetentionPolicy.RUNTIME)
public @interface BoundedAttributes {
  /** The message of a violation. */
  String message() default "must be at most 16384 bytes as JSON";

  /** Validation groups. */
  Class<?>[] groups() default {};

  /** Payload. */
  Class<? extends Payload>[] payload() default {};
}
