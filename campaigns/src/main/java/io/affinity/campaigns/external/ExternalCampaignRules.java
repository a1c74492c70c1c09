package io.affinity.campaigns.external;

import io.affinity.campaigns.lift.CampaignFacts;
import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks an {@link ExternalCampaignInput} and reports every bad field at once. */
final class ExternalCampaignRules {
  static final int MAX_DAYS = 365;
  static final int MAX_VARIANTS = 20;
  static final int MAX_NAME = 200;
  static final int MAX_ARM = 40;

  private ExternalCampaignRules() {}

  /** The variant names, trimmed; {@link InvalidInputException} naming every problem. */
  static List<String> check(ExternalCampaignInput in) {
    if (in == null) {
      throw new InvalidInputException("body", "a JSON object is required");
    }
    List<FieldError> errors = new ArrayList<>();
    if (in.name() == null || in.name().isBlank()) {
      errors.add(new FieldError("name", "must not be blank"));
    } else if (in.name().trim().length() > MAX_NAME) {
      errors.add(new FieldError("name", "at most " + MAX_NAME + " characters"));
    }
    if (in.startedAt() == null) {
      errors.add(new FieldError("startedAt", "is required"));
    }
    if (in.attributionDays() == null
        || in.attributionDays() < 1
        || in.attributionDays() > MAX_DAYS) {
      errors.add(
          new FieldError(
              "attributionDays",
              "must be a whole number of days from 1 to "
                  + MAX_DAYS
                  + ", got "
                  + in.attributionDays()));
    }
    List<String> variants = new ArrayList<>();
    if (in.variants() == null || in.variants().isEmpty()) {
      errors.add(new FieldError("variants", "name at least one treatment variant"));
    } else if (in.variants().size() > MAX_VARIANTS) {
      errors.add(new FieldError("variants", "at most " + MAX_VARIANTS + " variants"));
    } else {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < in.variants().size(); i++) {
        String v = in.variants().get(i) == null ? "" : in.variants().get(i).trim();
        String field = "variants[" + i + "]";
        if (v.isEmpty() || v.length() > MAX_ARM) {
          errors.add(new FieldError(field, "must be 1 to " + MAX_ARM + " characters"));
        } else if (v.equalsIgnoreCase(CampaignFacts.CONTROL)) {
          errors.add(new FieldError(field, "'control' is the held-out arm, not a variant"));
        } else if (!seen.add(v)) {
          errors.add(new FieldError(field, "'" + v + "' is named twice"));
        } else {
          variants.add(v);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(
          errors.size() + " invalid value(s); nothing was stored", errors);
    }
    return variants;
  }
}
