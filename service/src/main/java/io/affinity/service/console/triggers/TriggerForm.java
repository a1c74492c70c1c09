package io.affinity.service.console.triggers;

import io.affinity.campaigns.triggers.Trigger;
import io.affinity.campaigns.triggers.TriggerInput;
import io.affinity.service.console.PostedForm;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trigger's form: the values a page shows in its fields (strings, as typed) and the {@link
 * TriggerInput} they make. A field that is not a number where one is needed is an error of its own,
 * found before the trigger's validation.
 */
final class TriggerForm {
  /** The condition: a category prefix or a product. */
  static final String CONDITION = "condition";

  /** The number fields, in the form's order. */
  static final List<String> WHOLE_NUMBERS =
      List.of(
          "delayMinutes",
          "householdCap",
          "householdCapDays",
          "customerCapDays",
          "cooldownHours",
          "attributionDays");

  static final List<String> TEXT =
      List.of(
          "name", "categoryPrefix", "productId", "fromAddress", "fromName", "audience", "topic");

  final Map<String, String> values = new LinkedHashMap<>();
  final Map<String, String> errors = new LinkedHashMap<>();

  private TriggerForm() {}

  /** An empty form with the defaults the API would apply. */
  static TriggerForm blank() {
    TriggerForm f = new TriggerForm();
    for (String name : TEXT) {
      f.values.put(name, "");
    }
    f.values.put(CONDITION, "category");
    f.values.put("audience", "others");
    f.values.put("templateId", "");
    f.values.put("delayMinutes", "0");
    f.values.put("householdCap", "1");
    f.values.put("householdCapDays", "30");
    f.values.put("customerCapDays", "30");
    f.values.put("cooldownHours", "0");
    f.values.put("attributionDays", "14");
    f.values.put("holdoutPercent", "10");
    f.values.put("includeBuyer", "");
    return f;
  }

  /** The form filled with stored trigger {@code t}. */
  static TriggerForm of(Trigger t) {
    TriggerForm f = new TriggerForm();
    f.values.put("name", t.name());
    f.values.put(CONDITION, t.productId() != null ? "product" : "category");
    f.values.put("categoryPrefix", t.categoryPrefix() == null ? "" : t.categoryPrefix());
    f.values.put("productId", t.productId() == null ? "" : t.productId());
    f.values.put("fromAddress", t.fromAddress());
    f.values.put("fromName", t.fromName() == null ? "" : t.fromName());
    f.values.put("audience", t.audience());
    f.values.put("topic", t.topic() == null ? "" : t.topic());
    f.values.put("templateId", Long.toString(t.templateId()));
    f.values.put("delayMinutes", Integer.toString(t.delayMinutes()));
    f.values.put("householdCap", Integer.toString(t.householdCap()));
    f.values.put("householdCapDays", Integer.toString(t.householdCapDays()));
    f.values.put("customerCapDays", Integer.toString(t.customerCapDays()));
    f.values.put("cooldownHours", Integer.toString(t.cooldownHours()));
    f.values.put("attributionDays", Integer.toString(t.attributionDays()));
    f.values.put("holdoutPercent", t.holdoutPercent().stripTrailingZeros().toPlainString());
    f.values.put("includeBuyer", t.includeBuyer() ? "on" : "");
    return f;
  }

  /** The form as posted; {@link #errors} holds the fields that are not numbers. */
  static TriggerForm posted(PostedForm form) {
    TriggerForm f = new TriggerForm();
    for (String name : TEXT) {
      f.values.put(name, form.get(name));
    }
    f.values.put(CONDITION, "product".equals(form.get(CONDITION)) ? "product" : "category");
    f.values.put("templateId", form.get("templateId"));
    for (String name : WHOLE_NUMBERS) {
      f.values.put(name, form.get(name));
    }
    f.values.put("holdoutPercent", form.get("holdoutPercent"));
    f.values.put("includeBuyer", form.ticked("includeBuyer") ? "on" : "");
    for (String name : WHOLE_NUMBERS) {
      wholeNumber(f, name);
    }
    if (!f.values.get("templateId").isEmpty() && wholeLong(f.values.get("templateId")) == null) {
      f.errors.put("templateId", "choose a template");
    }
    String holdout = f.values.get("holdoutPercent");
    if (!holdout.isEmpty()) {
      try {
        new BigDecimal(holdout);
      } catch (NumberFormatException e) {
        f.errors.put("holdoutPercent", "must be a number, such as 10 or 12.5");
      }
    }
    return f;
  }

  /** The trigger input the form's values make (call only when {@link #errors} is empty). */
  TriggerInput input() {
    boolean product = "product".equals(values.get(CONDITION));
    String holdout = values.get("holdoutPercent");
    return new TriggerInput(
        blankToNull(values.get("name")),
        product ? null : values.get("categoryPrefix"),
        product ? values.get("productId") : null,
        number("delayMinutes"),
        wholeLong(values.get("templateId")),
        blankToNull(values.get("fromAddress")),
        blankToNull(values.get("fromName")),
        blankToNull(values.get("audience")),
        "on".equals(values.get("includeBuyer")),
        number("householdCap"),
        number("householdCapDays"),
        number("customerCapDays"),
        number("cooldownHours"),
        holdout.isEmpty() ? null : new BigDecimal(holdout),
        number("attributionDays"),
        null,
        blankToNull(values.get("topic")));
  }

  private Integer number(String name) {
    String v = values.get(name);
    return v.isEmpty() ? null : Integer.valueOf(v);
  }

  private static void wholeNumber(TriggerForm f, String name) {
    String v = f.values.get(name);
    if (v.isEmpty()) {
      return;
    }
    try {
      Integer.parseInt(v);
    } catch (NumberFormatException e) {
      f.errors.put(name, "must be a whole number");
    }
  }

  private static Long wholeLong(String v) {
    try {
      return Long.valueOf(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v;
  }
}
