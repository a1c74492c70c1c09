package io.affinity.service.console.campaigns;

import io.affinity.campaigns.external.ExternalCampaignInput;
import io.affinity.campaigns.external.ExternalCampaigns;
import io.affinity.campaigns.external.ImportedRecipients;
import io.affinity.campaigns.external.NotExternalCampaignException;
import io.affinity.campaigns.lift.CampaignFacts;
import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;
import io.affinity.service.console.ConsoleViews;
import io.affinity.service.console.Page;
import io.affinity.service.console.session.CsrfGuard;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Campaigns sent by another tool: {@code GET /console/external-campaigns} is the form that
 * registers one, and {@code POST /console/external-campaigns/{id}/recipients} uploads its
 * recipients' CSV (a multipart form: {@code customer_id,arm} per line), all or nothing; the
 * campaign's page shows the upload form and its report. Analysts may do both, as marketers.
 */
@Hidden
@Controller("/console/external-campaigns")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ExternalCampaignsController {
  private final ExternalCampaigns external;
  private final CampaignsController pages;
  private final ConsoleViews views;
  private final CsrfGuard csrf;

  public ExternalCampaignsController(
      ExternalCampaigns external, CampaignsController pages, ConsoleViews views, CsrfGuard csrf) {
    this.external = external;
    this.pages = pages;
    this.views = views;
    this.csrf = csrf;
  }

  /** The registration form. */
  @Get(produces = MediaType.TEXT_HTML)
  public HttpResponse<String> form(Authentication authentication) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("name", "");
    values.put("startedAt", "");
    values.put("attributionDays", "14");
    values.put("variants", "treatment");
    return form(authentication, values, Map.of(), HttpStatus.OK);
  }

  /** Registers the campaign and opens its page (to upload the recipients next). */
  @Post(produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<?> register(
      HttpRequest<?> request, Authentication authentication, @Nullable @Body String body) {
    FormFields fields = FormFields.parse(body);
    csrf.check(request, fields.get(Page.CSRF_FIELD));
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : List.of("name", "startedAt", "attributionDays", "variants")) {
      values.put(name, fields.get(name));
    }
    Map<String, String> errors = new LinkedHashMap<>();
    Instant started = null;
    try {
      started = LocalDateTime.parse(values.get("startedAt")).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      errors.put("startedAt", "Enter when it was sent (UTC), such as 2030-01-31T09:00.");
    }
    Integer days = null;
    try {
      days = Integer.valueOf(values.get("attributionDays"));
    } catch (NumberFormatException e) {
      errors.put("attributionDays", "Enter a whole number of days.");
    }
    List<String> variants =
        Arrays.stream(values.get("variants").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
    if (!errors.isEmpty()) {
      return form(authentication, values, errors, HttpStatus.UNPROCESSABLE_ENTITY);
    }
    try {
      CampaignFacts created =
          external.register(new ExternalCampaignInput(values.get("name"), started, days, variants));
      return HttpResponse.seeOther(URI.create("/console/campaigns/" + created.id()));
    } catch (InvalidInputException e) {
      for (FieldError f : e.errors()) {
        String field = f.field().startsWith("variants") ? "variants" : f.field();
        errors.merge(
            values.containsKey(field) ? field : "form", f.reason() + ".", (a, b) -> a + " " + b);
      }
      return form(authentication, values, errors, HttpStatus.UNPROCESSABLE_ENTITY);
    }
  }

  /** Imports the uploaded CSV; the campaign's page with what was imported, or every bad line. */
  @Post(value = "/{id}/recipients", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public HttpResponse<?> upload(
      @PathVariable String id,
      HttpRequest<?> request,
      Authentication authentication,
      @Nullable @Part("csrfToken") String csrfToken,
      @Nullable @Part("file") CompletedFileUpload file)
      throws IOException {
    csrf.check(request, csrfToken);
    long campaign;
    try {
      campaign = Roles.id(id);
    } catch (NotFoundException e) {
      return pages.page(id, authentication, null, HttpStatus.NOT_FOUND);
    }
    byte[] bytes = file == null ? new byte[0] : file.getBytes();
    try {
      ImportedRecipients done =
          external.importRecipients(
              campaign,
              new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
      return HttpResponse.seeOther(
          URI.create("/console/campaigns/" + campaign + "?imported=" + done.imported()));
    } catch (InvalidInputException e) {
      List<String> lines = new ArrayList<>();
      for (FieldError f : e.errors()) {
        lines.add(f.field() + ": " + f.reason());
      }
      return pages.page(
          id, authentication, e.getMessage(), lines, null, HttpStatus.UNPROCESSABLE_ENTITY);
    } catch (NotExternalCampaignException e) {
      return pages.page(id, authentication, e.getMessage(), HttpStatus.CONFLICT);
    } catch (NotFoundException e) {
      return pages.page(id, authentication, null, HttpStatus.NOT_FOUND);
    }
  }

  private HttpResponse<String> form(
      Authentication authentication,
      Map<String, String> values,
      Map<String, String> errors,
      HttpStatus status) {
    Map<String, Object> model =
        Page.of("Register an external campaign", "campaigns", authentication);
    model.put("form", values);
    model.put("errors", errors);
    return views.page(status, "campaign-external", model);
  }
}
