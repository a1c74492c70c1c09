package io.affinity.service.api.lift;

import freemarker.core.HTMLOutputFormat;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;

/**
 * Markup we generated ourselves (the SVG charts), marked so that the template does not escape it.
 */
final class Html {
  private Html() {}

  static TemplateModel markup(String html) {
    try {
      return HTMLOutputFormat.INSTANCE.fromMarkup(html);
    } catch (TemplateModelException e) {
      throw new IllegalStateException(e);
    }
  }
}
