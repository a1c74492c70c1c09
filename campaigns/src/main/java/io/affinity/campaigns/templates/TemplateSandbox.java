package io.affinity.campaigns.templates;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.OutputFormat;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.core._CoreAPI;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.Version;
import java.io.IOException;
import java.io.StringReader;

/**
 * The one Freemarker configuration every template runs in, locked down: {@code ?new} resolves no
 * class, {@code ?api} is off, the object wrapper refuses anything but maps, lists, strings,
 * numbers, booleans, dates and our own helper methods (no bean access, no static or enum models),
 * there is no template loader (no {@code #include}/{@code #import} of files), errors are thrown
 * rather than printed into the message, and every loop and macro can be interrupted (see {@link
 * CompiledTemplate#render(java.util.Map, RenderLimits)} for the time and output limits).
 */
public final class TemplateSandbox {
  static final Version VERSION = Configuration.VERSION_2_3_34;

  // Throws on any object that is not a plain container or scalar instead of exposing its methods.
  private static final SimpleObjectWrapper WRAPPER = wrapper();

  // One configuration per output format: HTML auto-escapes every ${...}, plain text does not.
  private static final Configuration HTML_CONFIG = build(HTMLOutputFormat.INSTANCE);
  private static final Configuration TEXT_CONFIG = build(PlainTextOutputFormat.INSTANCE);

  private TemplateSandbox() {}

  private static SimpleObjectWrapper wrapper() {
    SimpleObjectWrapper wrapper = new SimpleObjectWrapper(VERSION);
    wrapper.writeProtect();
    return wrapper;
  }

  private static Configuration build(OutputFormat format) {
    Configuration cfg = new Configuration(VERSION);
    cfg.setOutputFormat(format);
    cfg.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
    cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    cfg.setAPIBuiltinEnabled(false);
    cfg.setObjectWrapper(WRAPPER);
    cfg.setTemplateLoader(null);
    cfg.setLocalizedLookup(false);
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    cfg.setDefaultEncoding("UTF-8");
    // The output format is ours to choose, not the template name's.
    cfg.setRecognizeStandardFileExtensions(false);
    return cfg;
  }

  /** The part of a message a template source makes. */
  public enum Part {
    SUBJECT("subject", false),
    HTML("html", true),
    TEXT("text", false);

    private final String field;
    private final boolean html;

    Part(String field, boolean html) {
      this.field = field;
      this.html = html;
    }

    /** The name of the request field the source comes in. */
    public String field() {
      return field;
    }
  }

  /**
   * Parses {@code source} as {@code part}: HTML with every {@code ${...}} auto-escaped, subject and
   * text unescaped.
   *
   * @throws freemarker.core.ParseException on a syntax error, with line and column
   */
  public static Template parse(String name, Part part, String source) throws IOException {
    Template template =
        new Template(
            name + "." + part.field,
            new StringReader(source),
            part.html ? HTML_CONFIG : TEXT_CONFIG);
    // Every loop and macro body checks Thread.isInterrupted(), so that the render watchdog can
    // stop a loop that writes nothing (<#list 1.. as i></#list>). Freemarker 2.3 has no public
    // setting for this; _CoreAPI (internal, no compatibility promise) reaches the post-processor it
    // ships. RenderLimitsTest fails if an upgrade breaks it.
    _CoreAPI.addThreadInterruptedChecks(template);
    return template;
  }
}
