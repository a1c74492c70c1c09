package io.affinity.service.api.lift;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.affinity.campaigns.lift.LiftReport;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Renders the HTML lift report from the classpath template {@code reports/campaign-lift.ftlh}: HTML
 * auto-escaping on (the {@code .ftlh} extension), no class instantiation, no Java API access.
 */
@Singleton
public class ReportPage {
  static final String TEMPLATE = "campaign-lift.ftlh";

  private final Configuration freemarker;

  public ReportPage() {
    freemarker = new Configuration(Configuration.VERSION_2_3_32);
    freemarker.setTemplateLoader(new ClassTemplateLoader(ReportPage.class, "/reports"));
    freemarker.setDefaultEncoding("UTF-8");
    freemarker.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    freemarker.setAPIBuiltinEnabled(false);
    freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    freemarker.setLogTemplateExceptions(false);
  }

  /** The report as an HTML page. */
  public String render(LiftReport report) {
    try {
      Template template = freemarker.getTemplate(TEMPLATE);
      StringWriter out = new StringWriter();
      template.process(ReportView.of(report), out);
      return out.toString();
    } catch (IOException | TemplateException e) {
      throw new IllegalStateException("Could not render the lift report", e);
    }
  }
}
