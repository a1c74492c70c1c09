package io.affinity.campaigns.templates;

import freemarker.template.Template;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One template version parsed once and rendered many times (a parsed Freemarker template is safe to
 * share between threads). Knows which expensive parts of the model its sources use, so that the
 * composer computes recommendations, offers and the household only for templates that show them.
 */
public final class CompiledTemplate {
  private final long templateId;
  private final int version;
  private final Template subject;
  private final Template html;
  private final Template text;
  private final boolean usesRecommendations;
  private final boolean usesHouseholdRecommendations;
  private final boolean usesOffers;
  private final boolean usesHousehold;

  private CompiledTemplate(TemplateVersion v) throws IOException {
    this.templateId = v.templateId();
    this.version = v.version();
    String name = "template-" + v.templateId() + "-v" + v.version();
    this.subject = TemplateSandbox.parse(name, TemplateSandbox.Part.SUBJECT, v.subject());
    this.html = TemplateSandbox.parse(name, TemplateSandbox.Part.HTML, v.html());
    this.text =
        v.text() == null ? null : TemplateSandbox.parse(name, TemplateSandbox.Part.TEXT, v.text());
    String all = v.subject() + "\n" + v.html() + "\n" + (v.text() == null ? "" : v.text());
    this.usesRecommendations = mentions(all, "recommendations");
    this.usesHouseholdRecommendations = mentions(all, "householdRecommendations");
    this.usesOffers = mentions(all, "offers");
    this.usesHousehold = mentions(all, "household");
  }

  /**
   * Parses version {@code v}.
   *
   * @throws IllegalStateException if a stored source no longer parses (they were checked on save)
   */
  public static CompiledTemplate of(TemplateVersion v) {
    try {
      return new CompiledTemplate(v);
    } catch (IOException e) {
      throw new IllegalStateException(
          "Template " + v.templateId() + " v" + v.version() + " does not parse", e);
    }
  }

  private static boolean mentions(String source, String name) {
    return Pattern.compile("\\b" + name + "\\b").matcher(source).find();
  }

  /** The rendered message parts; the text part is null when it is to be generated. */
  public record Rendered(String subject, String html, String text) {}

  /**
   * Renders every part with {@code model}.
   *
   * @throws TemplateRenderException when the template fails on this model (a missing value, say)
   */
  public Rendered render(Map<String, Object> model) {
    String s = run(subject, model);
    // A subject is one header line: line breaks could otherwise add headers.
    s = s.replaceAll("[\\r\\n\\t]+", " ").strip();
    return new Rendered(s, run(html, model), text == null ? null : run(text, model));
  }

  private String run(Template template, Map<String, Object> model) {
    StringWriter out = new StringWriter(4096);
    try {
      template.process(model, out);
    } catch (TemplateException e) {
      throw new TemplateRenderException(templateId, version, e);
    } catch (IOException e) {
      throw new IllegalStateException("Writing to a string cannot fail", e);
    }
    return out.toString();
  }

  public long templateId() {
    return templateId;
  }

  public int version() {
    return version;
  }

  /** Whether a source names {@code recommendations}. */
  public boolean usesRecommendations() {
    return usesRecommendations;
  }

  /** Whether a source names {@code householdRecommendations}. */
  public boolean usesHouseholdRecommendations() {
    return usesHouseholdRecommendations;
  }

  /** Whether a source names {@code offers}. */
  public boolean usesOffers() {
    return usesOffers;
  }

  /** Whether a source names {@code household}. */
  public boolean usesHousehold() {
    return usesHousehold;
  }
}
