package io.affinity.campaigns.campaign;

import io.affinity.core.error.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a {@link CampaignInput} field by field and reports every problem at once. */
final class CampaignValidator {
  static final int MAX_VARIANTS = 10;
  private static final Pattern ARM_NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal MAX_RATE = BigDecimal.valueOf(100_000);

  private CampaignValidator() {}

  /** Every problem of {@code in}; empty when it is valid. */
  static List<FieldError> validate(CampaignInput in) {
    List<FieldError> errors = new ArrayList<>();
    if (in.name() == null || in.name().isBlank() || in.name().length() > 200) {
      errors.add(new FieldError("name", "is required, at most 200 characters"));
    }
    if (in.snapshotId() == null && in.segmentId() == null) {
      errors.add(
          new FieldError(
              "snapshotId",
              "give snapshotId (a frozen audience) or segmentId (a segment, frozen at launch)"));
    }
    if (in.snapshotId() != null && in.snapshotId() <= 0) {
      errors.add(new FieldError("snapshotId", "must be a positive id"));
    }
    if (in.segmentId() != null && in.segmentId() <= 0) {
      errors.add(new FieldError("segmentId", "must be a positive id"));
    }
    SenderFields.check(in.fromAddress(), in.fromName(), errors);
    checkVariants(in.variants(), errors);
    if (in.controlPercent() != null
        && (in.controlPercent().signum() < 0 || in.controlPercent().compareTo(HUNDRED) >= 0)) {
      errors.add(new FieldError("controlPercent", "must be from 0 to less than 100"));
    }
    if (in.controlPercent() != null && in.controlPercent().scale() > 2) {
      errors.add(new FieldError("controlPercent", "at most two decimals"));
    }
    if (in.attributionDays() != null && (in.attributionDays() < 1 || in.attributionDays() > 365)) {
      errors.add(new FieldError("attributionDays", "must be from 1 to 365"));
    }
    if (in.sendRatePerSecond() != null
        && (in.sendRatePerSecond().signum() <= 0
            || in.sendRatePerSecond().compareTo(MAX_RATE) > 0)) {
      errors.add(new FieldError("sendRatePerSecond", "must be above 0 and at most 100000"));
    }
    Topics.check(in.topic(), errors);
    return errors;
  }

  private static void checkVariants(List<CampaignInput.VariantInput> variants, List<FieldError> e) {
    if (variants == null || variants.isEmpty() || variants.size() > MAX_VARIANTS) {
      e.add(new FieldError("variants", "1 to " + MAX_VARIANTS + " variants are required"));
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < variants.size(); i++) {
      CampaignInput.VariantInput v = variants.get(i);
      String at = "variants[" + i + "]";
      if (v == null) {
        e.add(new FieldError(at, "must be an object"));
        continue;
      }
      if (v.name() == null || !ARM_NAME.matcher(v.name()).matches()) {
        e.add(new FieldError(at + ".name", "1 to 40 letters, digits, '-' or '_'"));
      } else if (v.name().equalsIgnoreCase("control")) {
        e.add(new FieldError(at + ".name", "'control' names the held-out group"));
      } else if (!names.add(v.name())) {
        e.add(new FieldError(at + ".name", "is used by another variant"));
      }
      if (v.templateId() == null || v.templateId() <= 0) {
        e.add(new FieldError(at + ".templateId", "is required: the id of a template"));
      }
      if (v.weight() != null && (v.weight() < 1 || v.weight() > 1000)) {
        e.add(new FieldError(at + ".weight", "must be from 1 to 1000"));
      }
    }
  }
}
