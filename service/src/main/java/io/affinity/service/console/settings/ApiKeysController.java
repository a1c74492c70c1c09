package io.affinity.service.console.settings;

import io.affinity.core.audit.AuditLog;
import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;
import io.affinity.service.console.ConsoleViews;
import io.affinity.service.console.Formats;
import io.affinity.service.console.Page;
import io.affinity.service.console.PostedForm;
import io.affinity.service.console.session.CsrfGuard;
import io.affinity.service.security.ApiKeys;
import io.affinity.service.security.CreatedApiKeys;
import io.affinity.service.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.TransactionOperations;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /console/settings/keys} (admins only): the API keys, configured and created; creating one
 * (its secret shown once, on the page that answers the form) and revoking one after a confirmation.
 * Creation and revocation are in the audit log.
 */
@Hidden
@Controller("/console/settings/keys")
@Secured("admin")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApiKeysController {
  /** Audit subject type of an API key, by name. */
  public static final String API_KEY = "api-key";

  /** Audit actions. */
  public static final String CREATE = "api-key-create";

  public static final String REVOKE = "api-key-revoke";

  private final ApiKeys keys;
  private final CreatedApiKeys created;
  private final AuditLog audit;
  private final TransactionOperations<Connection> tx;
  private final ConsoleViews views;
  private final CsrfGuard csrf;

  public ApiKeysController(
      ApiKeys keys,
      CreatedApiKeys created,
      AuditLog audit,
      TransactionOperations<Connection> tx,
      ConsoleViews views,
      CsrfGuard csrf) {
    this.keys = keys;
    this.created = created;
    this.audit = audit;
    this.tx = tx;
    this.views = views;
    this.csrf = csrf;
  }

  /** The keys and the form for a new one. */
  @Get(produces = MediaType.TEXT_HTML)
  public HttpResponse<String> list(Authentication authentication) {
    return views.page("settings-keys", model(authentication, "", Set.of(), Map.of()));
  }

  /** Creates a key: the list with the secret, shown this once; or the form with its errors. */
  @Post(produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<String> create(
      HttpRequest<?> request, Authentication authentication, @Nullable @Body String body) {
    PostedForm form = PostedForm.parse(body);
    csrf.check(request, form.csrfToken());
    String name = form.get("name");
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (Scope s : Scope.values()) {
      if (form.ticked("scope-" + s.wireName())) {
        scopes.add(s);
      }
    }
    CreatedApiKeys.Created key;
    try {
      key = created.create(name, scopes, authentication.getName(), keys::isConfigured);
    } catch (InvalidInputException e) {
      Map<String, String> errors = new LinkedHashMap<>();
      for (FieldError error : e.errors()) {
        errors.put(error.field(), error.reason());
      }
      return views.page(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "settings-keys",
          model(authentication, name, scopes, errors));
    }
    record(authentication, CREATE, name, "scopes " + scopes(key.key().scopes()));
    Map<String, Object> model = model(authentication, "", Set.of(), Map.of());
    model.put("secret", key.secret());
    model.put("secretName", name);
    return views.page(HttpStatus.CREATED, "settings-keys", model);
  }

  /** The confirmation before revoking key {@code name}. */
  @Get(value = "/{name}/revoke", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> confirmRevoke(
      @PathVariable String name, Authentication authentication) {
    CreatedApiKeys.Key key =
        created.all().stream().filter(k -> k.name().equals(name)).findFirst().orElse(null);
    if (key == null || !key.active()) {
      return missing(name, authentication);
    }
    Map<String, Object> model = Page.of("Revoke API key " + name, "settings", authentication);
    model.put("tab", "keys");
    model.put("key", row(key));
    return views.page("settings-keys-revoke", model);
  }

  /** Revokes key {@code name}: refused by the API from now on. */
  @Post(value = "/{name}/revoke", produces = MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public HttpResponse<String> revoke(
      HttpRequest<?> request,
      @PathVariable String name,
      Authentication authentication,
      @Nullable @Body String body) {
    csrf.check(request, PostedForm.parse(body).csrfToken());
    try {
      CreatedApiKeys.Key key = created.revoke(name, authentication.getName());
      record(authentication, REVOKE, name, "scopes " + scopes(key.scopes()));
    } catch (NotFoundException e) {
      return missing(name, authentication);
    }
    return HttpResponse.seeOther(URI.create("/console/settings/keys"));
  }

  private HttpResponse<String> missing(String name, Authentication authentication) {
    Map<String, Object> model = model(authentication, "", Set.of(), Map.of());
    model.put("notice", "There is no active created key called '" + name + "'.");
    return views.page(HttpStatus.NOT_FOUND, "settings-keys", model);
  }

  private void record(Authentication authentication, String action, String name, String detail) {
    tx.executeWrite(
        status ->
            audit.append(
                status.getConnection(), authentication.getName(), action, API_KEY, name, detail));
  }

  private Map<String, Object> model(
      Authentication authentication, String name, Set<Scope> scopes, Map<String, String> errors) {
    Map<String, Object> model = Page.of("Settings: API keys", "settings", authentication);
    model.put("tab", "keys");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CreatedApiKeys.Key k : created.all()) {
      rows.add(row(k));
    }
    model.put("keys", rows);
    List<Map<String, String>> configured = new ArrayList<>();
    for (ApiKeys.Holder h : keys.configured()) {
      configured.add(Map.of("name", h.name(), "scopes", scopes(h.scopes())));
    }
    model.put("configured", configured);
    List<Map<String, Object>> scopeChoices = new ArrayList<>();
    for (Scope s : Scope.values()) {
      scopeChoices.add(
          Map.of("name", s.wireName(), "checked", scopes.contains(s), "about", about(s)));
    }
    model.put("scopes", scopeChoices);
    model.put("name", name);
    model.put("errors", errors);
    return model;
  }

  private static Map<String, Object> row(CreatedApiKeys.Key k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", k.name());
    m.put("scopes", scopes(k.scopes()));
    m.put("created", Formats.time(k.createdAt()));
    m.put("createdBy", k.createdBy());
    m.put("active", k.active());
    m.put("revoked", Formats.time(k.revokedAt()));
    m.put("revokedBy", Formats.text(k.revokedBy()));
    return m;
  }

  private static String scopes(Set<Scope> scopes) {
    return scopes.stream().map(Scope::wireName).sorted().collect(Collectors.joining(", "));
  }

  private static String about(Scope s) {
    return switch (s) {
      case INGEST -> "send customers, households, products and events";
      case RECOMMEND -> "fetch recommendations and offers";
      case MARKETING -> "read customers, build segments, run campaigns and triggers";
      case WEBHOOK -> "post delivery events from a mail provider, nothing else";
      case ADMIN -> "everything, including models and configuration";
    };
  }
}
