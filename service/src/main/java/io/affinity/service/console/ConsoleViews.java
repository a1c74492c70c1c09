package io.affinity.service.console;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * Renders the console's pages from the classpath templates {@code views/console/*.ftlh}: HTML
 * auto-escaping on, no class instantiation, no Java API access (as the lift report page). Pages are
 * sent with a content security policy that allows scripts and styles from this service only.
 */
@Singleton
public class ConsoleViews {
  /** Scripts, styles and images from this service only; forms post back to it only. */
  public static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none';"
          + " frame-ancestors 'none'";

  private final Configuration freemarker;
  private final String htmx = WebJars.path("htmx.org", "dist/htmx.min.js");

  public ConsoleViews() {
    freemarker = new Configuration(Configuration.VERSION_2_3_32);
    freemarker.setTemplateLoader(new ClassTemplateLoader(ConsoleViews.class, "/views/console"));
    freemarker.setDefaultEncoding("UTF-8");
    freemarker.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    freemarker.setAPIBuiltinEnabled(false);
    freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    freemarker.setLogTemplateExceptions(false);
  }

  /** Page {@code name} ({@code views/console/<name>.ftlh}) with {@code model}, status 200. */
  public MutableHttpResponse<String> page(String name, Map<String, Object> model) {
    return page(HttpStatus.OK, name, model);
  }

  /** Page {@code name} with {@code model} and {@code status}. */
  public MutableHttpResponse<String> page(
      HttpStatus status, String name, Map<String, Object> model) {
    return HttpResponse.<String>status(status)
        .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
        .header("Content-Security-Policy", CSP)
        .header("Cache-Control", "no-store")
        .body(render(name, model));
  }

  /** The HTML of page {@code name}. */
  public String render(String name, Map<String, Object> model) {
    try {
      Template template = freemarker.getTemplate(name + ".ftlh");
      StringWriter out = new StringWriter();
      Map<String, Object> all = new java.util.HashMap<>(model);
      all.put("htmxPath", htmx);
      template.process(all, out);
      return out.toString();
    } catch (IOException | TemplateException e) {
      throw new IllegalStateException("Could not render console page " + name, e);
    }
  }
}
