package io.affinity.campaigns.templates;

import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import java.util.List;

/**
 * A template source that does not parse or tries to leave the sandbox; each error names the field
 * ({@code subject}, {@code html}, {@code text}) and says the line and column. Reported as 422.
 */
public class TemplateRejectedException extends InvalidInputException {
  public TemplateRejectedException(List<FieldError> errors) {
    super("The template was rejected: " + errors.get(0).reason(), errors);
  }
}
