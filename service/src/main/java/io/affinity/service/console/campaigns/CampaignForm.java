package io.affinity.service.console.campaigns;

import io.affinity.campaigns.campaign.CampaignInput;
import io.affinity.campaigns.campaign.CampaignView;
import io.affinity.campaigns.campaign.Variant;
import io.affinity.core.error.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The draft form's fields as the page shows them (text, so that a wrong entry comes back as typed)
 * and as the campaign service takes them ({@link CampaignInput}), with each problem at its field.
 * The audience is one choice, {@code segment:ID} or {@code snapshot:ID}; the variants are {@value
 * #ROWS} rows of name, template and weight, and a row without a template is left out. Times are
 * UTC, as every time in the console.
 */
final class CampaignForm {
  /** How many variant rows the form has. */
  static final int ROWS = 4;

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT);
  private static final Pattern VARIANT_FIELD = Pattern.compile("variants\\[(\\d+)\\](\\.(\\w+))?");

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> errors = new LinkedHashMap<>();

  /** Which form row each variant sent to the service came from. */
  private final List<Integer> rowOfVariant = new ArrayList<>();

  private CampaignForm() {}

  /** The form for a new draft, with the usual defaults. */
  static CampaignForm blank() {
    CampaignForm f = new CampaignForm();
    for (String name : names()) {
      f.values.put(name, "");
    }
    f.values.put("controlPercent", "10");
    f.values.put("attributionDays", "14");
    f.values.put("v0Name", "A");
    f.values.put("v0Weight", "1");
    f.values.put("v1Name", "B");
    f.values.put("v1Weight", "1");
    return f;
  }

  /** The form showing campaign {@code c}'s settings. */
  static CampaignForm of(CampaignView c) {
    CampaignForm f = blank();
    f.values.put("name", c.name());
    f.values.put(
        "audience",
        c.segmentId() != null
            ? "segment:" + c.segmentId()
            : c.snapshotId() != null ? "snapshot:" + c.snapshotId() : "");
    f.values.put("fromAddress", text(c.fromAddress()));
    f.values.put("fromName", text(c.fromName()));
    for (int i = 0; i < ROWS; i++) {
      Variant v = i < c.variants().size() ? c.variants().get(i) : null;
      f.values.put("v" + i + "Name", v == null ? "" : v.name());
      f.values.put("v" + i + "Template", v == null ? "" : Long.toString(v.templateId()));
      f.values.put("v" + i + "Weight", v == null ? "" : Integer.toString(v.weight()));
    }
    f.values.put("controlPercent", c.controlPercent().stripTrailingZeros().toPlainString());
    f.values.put("householdAssignment", c.householdAssignment() ? "on" : "");
    f.values.put("attributionDays", Integer.toString(c.attributionDays()));
    f.values.put(
        "sendRatePerSecond",
        c.sendRatePerSecond() == null ? "" : c.sendRatePerSecond().toPlainString());
    f.values.put("scheduledAt", local(c.scheduledAt()));
    f.values.put("topic", text(c.topic()));
    return f;
  }

  /** {@code t} as a {@code datetime-local} input shows it (UTC), or empty. */
  static String local(Instant t) {
    return t == null ? "" : LOCAL.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
  }

  /** The form as posted. */
  static CampaignForm posted(FormFields fields) {
    CampaignForm f = new CampaignForm();
    for (String name : names()) {
      f.values.put(name, fields.get(name));
    }
    f.values.put("householdAssignment", fields.ticked("householdAssignment") ? "on" : "");
    return f;
  }

  /** The campaign the form describes; fields that are not even numbers are noted as errors. */
  CampaignInput input() {
    Long segment = null;
    Long snapshot = null;
    String audience = values.get("audience");
    if (audience.startsWith("segment:")) {
      segment = id("audience", audience.substring(8));
    } else if (audience.startsWith("snapshot:")) {
      snapshot = id("audience", audience.substring(9));
    } else {
      errors.put("audience", "Choose the segment to send to.");
    }
    List<CampaignInput.VariantInput> variants = new ArrayList<>();
    rowOfVariant.clear();
    for (int i = 0; i < ROWS; i++) {
      String template = values.get("v" + i + "Template");
      if (template.isEmpty()) {
        continue;
      }
      rowOfVariant.add(i);
      String weight = values.get("v" + i + "Weight");
      variants.add(
          new CampaignInput.VariantInput(
              values.get("v" + i + "Name"),
              id("v" + i + "Template", template),
              weight.isEmpty() ? null : whole("v" + i + "Weight", weight)));
    }
    if (variants.isEmpty()) {
      errors.put("v0Template", "Choose a template for at least one variant.");
    }
    return new CampaignInput(
        values.get("name"),
        snapshot,
        segment,
        values.get("fromAddress"),
        values.get("fromName").isEmpty() ? null : values.get("fromName"),
        variants,
        decimal("controlPercent", values.get("controlPercent")),
        "on".equals(values.get("householdAssignment")),
        whole("attributionDays", values.get("attributionDays")),
        decimal("sendRatePerSecond", values.get("sendRatePerSecond")),
        time("scheduledAt", values.get("scheduledAt")),
        null,
        values.get("topic").isEmpty() ? null : values.get("topic"));
  }

  /** Whether reading the form found a problem already (before the service checked it). */
  boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Puts each of the service's {@code problems} at the form field it is about. */
  void reject(List<FieldError> problems) {
    for (FieldError e : problems) {
      errors.merge(field(e.field()), sentence(e.reason()), (a, b) -> a + " " + b);
    }
  }

  /** A problem of the whole form (not of one field). */
  void reject(String message) {
    errors.merge("form", message, (a, b) -> a + " " + b);
  }

  Map<String, String> values() {
    return values;
  }

  Map<String, String> errors() {
    return errors;
  }

  private String field(String serviceField) {
    Matcher m = VARIANT_FIELD.matcher(serviceField);
    if (m.matches()) {
      int k = Integer.parseInt(m.group(1));
      int row = k < rowOfVariant.size() ? rowOfVariant.get(k) : 0;
      String part = m.group(3);
      String suffix =
          part == null || part.equals("name")
              ? "Name"
              : part.equals("templateId") ? "Template" : "Weight";
      return "v" + row + suffix;
    }
    return switch (serviceField) {
      case "variants" -> "v0Template";
      case "snapshotId", "segmentId" -> "audience";
      case "name",
              "fromAddress",
              "fromName",
              "controlPercent",
              "attributionDays",
              "sendRatePerSecond",
              "scheduledAt",
              "topic" ->
          serviceField;
      default -> "form";
    };
  }

  private static String sentence(String reason) {
    String s =
        reason.isEmpty() ? reason : Character.toUpperCase(reason.charAt(0)) + reason.substring(1);
    return s.endsWith(".") ? s : s + ".";
  }

  private Long id(String field, String text) {
    try {
      long v = Long.parseLong(text);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.put(field, "Choose one from the list.");
    return null;
  }

  private Integer whole(String field, String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      errors.put(field, "Enter a whole number.");
      return null;
    }
  }

  private BigDecimal decimal(String field, String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      errors.put(field, "Enter a number, such as 10 or 12.5.");
      return null;
    }
  }

  private Instant time(String field, String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return LocalDateTime.parse(text, LOCAL).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      errors.put(field, "Enter a date and time (UTC), such as 2030-01-31T09:00.");
      return null;
    }
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  private static List<String> names() {
    List<String> names =
        new ArrayList<>(
            List.of(
                "name",
                "audience",
                "fromAddress",
                "fromName",
                "controlPercent",
                "householdAssignment",
                "attributionDays",
                "sendRatePerSecond",
                "scheduledAt",
                "topic"));
    for (int i = 0; i < ROWS; i++) {
      names.add("v" + i + "Name");
      names.add("v" + i + "Template");
      names.add("v" + i + "Weight");
    }
    return names;
  }
}
