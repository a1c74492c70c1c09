package io.affinity.campaigns.delivery;

import io.affinity.campaigns.templates.TemplateInput;
import io.affinity.campaigns.templates.TemplateService;

/** Templates for delivery tests, stored through the real template service. */
public final class TestTemplates {
  /** An id no template has. */
  public static final long MISSING = 999_999_999L;

  private TestTemplates() {}

  /**
   * A template greeting the customer by name and naming their id, so that each recipient's message
   * can be told apart; at {@code version} (1 or more: updated {@code version - 1} times).
   */
  public static long greeting(TemplateService templates, String key, int version) {
    long id =
        templates
            .create(
                new TemplateInput(
                    key,
                    "Greeting " + key,
                    "Hello ${customer.name!\"there\"}",
                    "<p>Hi ${customer.name!\"there\"}, customer ${customer.id}</p>",
                    null))
            .id();
    for (int v = 2; v <= version; v++) {
      templates.update(
          id,
          new TemplateInput(
              null,
              null,
              "Hello ${customer.name!\"there\"} (v" + v + ")",
              "<p>Hi ${customer.name!\"there\"}, customer ${customer.id} (v" + v + ")</p>",
              null));
    }
    return id;
  }
}
