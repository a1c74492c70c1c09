package io.affinity.core.attributes;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Checks {@link BoundedAttributes}: null, or attributes whose JSON text is small enough. */
@Singleton
public class BoundedAttributesValidator
    implements ConstraintValidator<BoundedAttributes, Map<String, Object>> {
  /** The largest stored JSON text, in UTF-8 bytes; a quarter of what the column can hold. */
  public static final int MAX_BYTES = 16_384;

  private final AttributesCodec codec;

  /** A validator that measures attributes the way they are stored. */
  public BoundedAttributesValidator(AttributesCodec codec) {
    this.codec = codec;
  }

  @Override
  public boolean isValid(
      Map<String, Object> value,
      AnnotationValue<BoundedAttributes> annotation,
      ConstraintValidatorContext context) {
    if (value == null || value.isEmpty()) {
      return true;
    }
    String text = codec.write(value);
    // UTF-8 never takes fewer bytes than chars, so a long text is refused without encoding it.
    return text.length() <= MAX_BYTES && text.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
  }
}
