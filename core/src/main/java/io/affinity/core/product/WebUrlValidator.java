package io.affinity.core.product;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;

/** Checks {@link WebUrl}: null, or a URL whose scheme is http or https and that names a host. */
@Singleton
public class WebUrlValidator implements ConstraintValidator<WebUrl, String> {
  @Override
  public boolean isValid(
      String value, AnnotationValue<WebUrl> annotation, ConstraintValidatorContext context) {
    return value == null || isWebUrl(value);
  }

  /** Whether {@code value} is an absolute http(s) URL with a host, without spaces or controls. */
  public static boolean isWebUrl(String value) {
    if (value.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      return false;
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      return scheme != null
          && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && uri.getHost() != null
          && !uri.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
