package io.affinity.campaigns.templates;

import freemarker.template.Template;
import freemarker.template.TemplateException;
import java.io.IOException;
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

  /** The rendered message parts; the text part is made from the HTML when there is no source. */
  public record Rendered(String subject, String html, String text) {}

  /** {@link #render(Map, RenderLimits)} with the default limits. */
  public Rendered render(Map<String, Object> model) {
    return render(model, RenderLimits.DEFAULT);
  }

  /** {@link #render(Map, RenderLimits, RenderCancellation)} that nothing cancels. */
  public Rendered render(Map<String, Object> model, RenderLimits limits) {
    return render(model, limits, null);
  }

  /**
   * Renders every part with {@code model} within {@code limits} (the time and output of the whole
   * message, the generated text part included). Runs on the calling thread, which the watchdog
   * interrupts at the deadline, and {@code cancellation} (when not null) at once; the thread's
   * interrupt status is as before when this returns.
   *
   * @throws TemplateLimitException when the template goes past a limit (the message names the limit
   *     and, where known, the line)
   * @throws TemplateRenderException when the template fails on this model (a missing value, say)
   * @throws RenderCancelledException when {@code cancellation} was cancelled before or during it
   */
  public Rendered render(
      Map<String, Object> model, RenderLimits limits, RenderCancellation cancellation) {
    try (RenderBudget budget = RenderBudget.start(limits)) {
      if (cancellation != null) {
        cancellation.attach(budget);
      }
      try {
        String s = run(subject, model, budget);
        // A subject is one header line: line breaks could otherwise add headers.
        s = s.replaceAll("[\\r\\n\\t]+", " ").strip();
        String h = run(html, model, budget);
        String t = text == null ? generatedText(h, budget) : run(text, model, budget);
        if (budget.cancelled()) {
          // Cancelled after the last check: the client is gone, the result is of no use.
          throw cancelled();
        }
        return new Rendered(s, h, t);
      } finally {
        if (cancellation != null) {
          cancellation.detach(budget);
        }
      }
    }
  }

  private RenderCancelledException cancelled() {
    return new RenderCancelledException(templateId, version);
  }

  private String generatedText(String html, RenderBudget budget) {
    try {
      return HtmlToText.convert(html, budget);
    } catch (RenderBudget.TimeUp e) {
      if (budget.cancelled()) {
        throw cancelled();
      }
      throw budget.failure(templateId, version, TemplateLimitException.Limit.TIME, 0, 0);
    }
  }

  private String run(Template template, Map<String, Object> model, RenderBudget budget) {
    LimitedWriter out = new LimitedWriter(budget);
    try {
      template.process(model, out);
    } catch (TemplateException e) {
      if (budget.cancelled()) {
        throw cancelled();
      }
      if (budget.exceeded() != null) {
        throw budget.failure(
            templateId,
            version,
            budget.exceeded(),
            line(e.getLineNumber()),
            line(e.getColumnNumber()));
      }
      throw new TemplateRenderException(templateId, version, e);
    } catch (IOException e) {
      // Only the writer throws IOException, and only when a limit was reached or on a cancel.
      if (budget.cancelled()) {
        throw cancelled();
      }
      throw budget.failure(templateId, version, limit(budget), 0, 0);
    } catch (StackOverflowError e) {
      throw budget.failure(templateId, version, TemplateLimitException.Limit.DEPTH, 0, 0);
    } catch (OutOfMemoryError e) {
      // One render's own allocation failed (a string built in a loop, a materialised range); its
      // garbage is unreachable now. A last resort: the time and output limits come first.
      throw budget.failure(templateId, version, TemplateLimitException.Limit.MEMORY, 0, 0);
    } catch (RuntimeException e) {
      if (budget.cancelled()) {
        // Freemarker's interruption check in a loop or macro, after a cancel.
        throw cancelled();
      }
      if (budget.exceeded() != null) {
        // Freemarker's interruption check in a loop or macro, after the watchdog fired.
        throw budget.failure(templateId, version, budget.exceeded(), 0, 0);
      }
      throw e;
    }
    return out.text();
  }

  private static TemplateLimitException.Limit limit(RenderBudget budget) {
    return budget.exceeded() != null ? budget.exceeded() : TemplateLimitException.Limit.TIME;
  }

  private static int line(Integer n) {
    return n == null ? 0 : n;
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
