package io.affinity.service.console.templates;

import io.affinity.campaigns.templates.TemplateVersion;
import io.affinity.campaigns.templates.TemplateView;
import io.affinity.service.console.Formats;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the editor page shows: the template and its versions, and the form's values. */
final class EditorModel {
  private EditorModel() {}

  /** Whether {@code who} may save versions and send tests (marketers and admins). */
  static boolean canEdit(Authentication who) {
    return who.getRoles().contains("marketer") || who.getRoles().contains("admin");
  }

  /**
   * Adds to {@code page} template {@code t} (null for a new one) with {@code shown} in the editor,
   * or the posted {@code form} when there is one (a refused save keeps what was written).
   */
  static Map<String, Object> fill(
      Map<String, Object> page,
      @Nullable TemplateView t,
      @Nullable TemplateVersion shown,
      @Nullable TemplateForm form,
      Authentication who) {
    return fill(page, t, shown, form, null, who);
  }

  /** {@link #fill} previewing for {@code customer} when there is no form. */
  static Map<String, Object> fill(
      Map<String, Object> page,
      @Nullable TemplateView t,
      @Nullable TemplateVersion shown,
      @Nullable TemplateForm form,
      @Nullable String customer,
      Authentication who) {
    page.put("canEdit", canEdit(who));
    page.put("isNew", t == null);
    if (t != null) {
      page.put(
          "template",
          Map.of(
              "id", t.id(),
              "key", t.key(),
              "name", t.name(),
              "currentVersion", t.currentVersion(),
              "updated", Formats.time(t.updatedAt())));
      List<Map<String, Object>> versions = new ArrayList<>();
      for (TemplateVersion v : t.versions() == null ? List.<TemplateVersion>of() : t.versions()) {
        versions.add(
            Map.of(
                "version", v.version(),
                "created", Formats.time(v.createdAt()),
                "subject", v.subject(),
                "current", v.version() == t.currentVersion(),
                "shown", shown != null && v.version() == shown.version()));
      }
      page.put("versions", versions);
      page.put("shownVersion", shown == null ? t.currentVersion() : shown.version());
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("key", form != null ? form.key() : t != null ? t.key() : "");
    f.put("name", form != null ? form.name() : t != null ? t.name() : "");
    f.put("subject", form != null ? form.subject() : shown != null ? shown.subject() : "");
    f.put("html", form != null ? form.html() : shown != null ? shown.html() : "");
    f.put(
        "text",
        form != null ? form.text() : shown != null && shown.text() != null ? shown.text() : "");
    f.put(
        "customerId", form != null ? form.customerId() : customer != null ? customer.strip() : "");
    f.put("to", form != null ? form.to() : "");
    page.put("form", f);
    page.put("problems", List.of());
    return page;
  }
}
