package io.affinity.campaigns.triggers;

import io.affinity.campaigns.campaign.SenderFields;
import io.affinity.campaigns.campaign.Topics;
import io.affinity.core.error.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a {@link TriggerInput} field by field and reports every problem at once; references
 * (template, product) are checked by {@link Triggers} against the database.
 */
final class TriggerValidator {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private TriggerValidator() {}

  /** Every problem of {@code in}; empty when it is valid. */
  static List<FieldError> validate(TriggerInput in) {
    List<FieldError> errors = new ArrayList<>();
    if (in.name() == null || in.name().isBlank() || in.name().length() > 200) {
      errors.add(new FieldError("name", "is required, at most 200 characters"));
    }
    boolean category = in.categoryPrefix() != null;
    boolean product = in.productId() != null;
    if (category == product) {
      errors.add(
          new FieldError(
              "categoryPrefix", "give exactly one condition: categoryPrefix or productId"));
    } else if (category && (in.categoryPrefix().isBlank() || in.categoryPrefix().length() > 255)) {
      errors.add(new FieldError("categoryPrefix", "must be 1 to 255 characters"));
    } else if (product && (in.productId().isBlank() || in.productId().length() > 100)) {
      errors.add(new FieldError("productId", "must be 1 to 100 characters"));
    }
    range(errors, "delayMinutes", in.delayMinutes(), 0, 525_600);
    if (in.templateId() == null || in.templateId() <= 0) {
      errors.add(new FieldError("templateId", "is required: the id of a template"));
    }
    SenderFields.check(in.fromAddress(), in.fromName(), errors);
    if (in.audience() != null && TriggerAudience.fromWireName(in.audience()).isEmpty()) {
      errors.add(new FieldError("audience", "must be 'others' or 'primary'"));
    }
    range(errors, "householdCap", in.householdCap(), 1, 100);
    range(errors, "householdCapDays", in.householdCapDays(), 1, 365);
    range(errors, "customerCapDays", in.customerCapDays(), 0, 365);
    range(errors, "cooldownHours", in.cooldownHours(), 0, 8_760);
    range(errors, "attributionDays", in.attributionDays(), 1, 365);
    BigDecimal holdout = in.holdoutPercent();
    if (holdout != null && (holdout.signum() < 0 || holdout.compareTo(HUNDRED) >= 0)) {
      errors.add(new FieldError("holdoutPercent", "must be from 0 to less than 100"));
    } else if (holdout != null && holdout.scale() > 2) {
      errors.add(new FieldError("holdoutPercent", "at most two decimals"));
    }
    Topics.check(in.topic(), errors);
    return errors;
  }

  private static void range(List<FieldError> errors, String field, Integer v, int min, int max) {
    if (v != null && (v < min || v > max)) {
      errors.add(new FieldError(field, "must be from " + min + " to " + max));
    }
  }
}
