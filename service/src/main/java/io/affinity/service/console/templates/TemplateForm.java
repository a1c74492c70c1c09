package io.affinity.service.console.templates;

import io.affinity.campaigns.templates.TemplateInput;
import io.affinity.service.console.Page;
import io.micronaut.core.annotation.Nullable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The fields of the posted editor form ({@code application/x-www-form-urlencoded}): the template's
 * key and name, its three sources, the customer to preview and test for, the test address and the
 * version a test send mails. A missing field is empty; a field given twice keeps its first value.
 */
record TemplateForm(
    String csrfToken,
    String key,
    String name,
    String subject,
    String html,
    String text,
    String customerId,
    String to,
    String version) {

  /** The form in {@code body}; every field empty for a null body. */
  static TemplateForm parse(@Nullable String body) {
    Map<String, String> f = new HashMap<>();
    if (body != null) {
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          f.putIfAbsent(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
      }
    }
    return new TemplateForm(
        f.getOrDefault(Page.CSRF_FIELD, ""),
        f.getOrDefault("key", "").strip(),
        f.getOrDefault("name", "").strip(),
        // Browsers post CR LF line breaks from a textarea; the sources keep the LF the API gets.
        lf(f.getOrDefault("subject", "")),
        lf(f.getOrDefault("html", "")),
        lf(f.getOrDefault("text", "")),
        f.getOrDefault("customerId", "").strip(),
        f.getOrDefault("to", "").strip(),
        f.getOrDefault("version", "").strip());
  }

  /** The template as the template service takes it; a blank text part is generated from HTML. */
  TemplateInput input() {
    return new TemplateInput(
        key.isEmpty() ? null : key,
        name.isEmpty() ? null : name,
        subject,
        html,
        text.isBlank() ? null : text);
  }

  /** The version to test, or null for the current one (or a value that is not a number). */
  @Nullable
  Integer versionNumber() {
    try {
      return version.isEmpty() ? null : Integer.valueOf(version);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String lf(String s) {
    return s.replace("\r\n", "\n");
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
