package io.affinity.service.console.settings;

import io.affinity.campaigns.delivery.MailConfiguration;
import io.affinity.service.console.ConsoleViews;
import io.affinity.service.console.Formats;
import io.affinity.service.console.Page;
import io.affinity.service.console.PostedForm;
import io.affinity.service.console.session.CsrfGuard;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /console/settings} (admins only): opens on the mail tab, which shows the SMTP server as
 * configured (never its password, only whether one is set) and checks the connection on demand.
 */
@Hidden
@Controller("/console/settings")
@Secured("admin")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MailSettingsController {
  private final MailConfiguration mail;
  private final SmtpCheck check;
  private final ConsoleViews views;
  private final CsrfGuard csrf;

  public MailSettingsController(
      MailConfiguration mail, SmtpCheck check, ConsoleViews views, CsrfGuard csrf) {
    this.mail = mail;
    this.check = check;
    this.views = views;
    this.csrf = csrf;
  }

  /** The settings open on the mail tab. */
  @Get
  public HttpResponse<?> index() {
    return HttpResponse.seeOther(URI.create("/console/settings/mail"));
  }

  /** The SMTP server's configuration. */
  @Get(value = "/mail", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> mail(Authentication authentication) {
    return views.page("settings-mail", model(authentication));
  }

  /**
   * Connects to the server and reports: the result fragment for htmx, else the whole page with it.
   */
  @Post(value = "/mail/check", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<String> check(
      HttpRequest<?> request, Authentication authentication, @Nullable @Body String body) {
    csrf.check(request, PostedForm.parse(body).csrfToken());
    SmtpCheck.Result result = check.run();
    Map<String, Object> model = model(authentication);
    model.put(
        "check",
        Map.of(
            "ok", result.ok(),
            "message", result.message(),
            "millis", Formats.count(result.millis())));
    boolean fragment = request.getHeaders().contains("HX-Request");
    return views.page(fragment ? "settings-mail-check" : "settings-mail", model);
  }

  private Map<String, Object> model(Authentication authentication) {
    Map<String, Object> model = Page.of("Settings: mail", "settings", authentication);
    model.put("tab", "mail");
    Map<String, Object> smtp = new LinkedHashMap<>();
    smtp.put("enabled", mail.isEnabled());
    smtp.put("host", Formats.text(mail.getHost()));
    smtp.put("port", Integer.toString(mail.getPort()));
    smtp.put(
        "security",
        mail.isSsl() ? "TLS from the start (SMTPS)" : mail.isStarttls() ? "STARTTLS" : "none");
    smtp.put("username", Formats.text(mail.getUsername()));
    smtp.put(
        "password", mail.getPassword() == null || mail.getPassword().isEmpty() ? "not set" : "set");
    smtp.put("returnPath", Formats.text(mail.getReturnPath()));
    smtp.put("poolSize", Integer.toString(mail.getPoolSize()));
    smtp.put("rate", Formats.decimal(mail.getRatePerSecond(), 1) + " messages/s");
    model.put("smtp", smtp);
    return model;
  }
}
