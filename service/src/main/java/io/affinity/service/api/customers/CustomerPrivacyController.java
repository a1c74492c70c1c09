package io.affinity.service.api.customers;

import io.affinity.core.privacy.CustomerPrivacy;
import io.affinity.service.security.ApiKeyFilter;
import io.affinity.service.security.RequiresScope;
import io.affinity.service.security.Scope;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;

/**
 * A person's rights over their data (GDPR articles 15, 17 and 20): erasure and export of a
 * customer, each recorded in the audit log with the name of the API key that asked.
 */
@Controller("/api/customers")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresScope(Scope.ADMIN)
@Tag(name = "customers")
public class CustomerPrivacyController {
  private static final int FILE_NAME_ID = 60;

  private final CustomerPrivacy privacy;

  public CustomerPrivacyController(CustomerPrivacy privacy) {
    this.privacy = privacy;
  }

  /**
   * Erases the customer's personal data: e-mail address, name, postal address, postcode, country,
   * attributes, preferred channel, household membership, and the IP addresses and browsers of
   * tracking hits and consent statements; the shop's id no longer finds them. Events, campaign
   * recipient rows, value figures and the suppressed address's keyed hash are kept pseudonymously
   * (docs/campaigns.md). Erasing an id erased before answers 204 again.
   *
   * @param id the shop's id of the customer
   */
  @Delete("/{id}")
  public HttpResponse<Void> erase(@PathVariable String id, HttpRequest<?> request) {
    privacy.erase(id, actor(request));
    return HttpResponse.noContent();
  }

  /**
   * Everything held about the customer, as a JSON file: profile and household, consent state and
   * ledger, events, value figures, offers shown, campaigns received with their outcomes and
   * tracking hits, segment memberships and trigger firings. For a customer erased under the id,
   * what is still held, pseudonymously, with an {@code erasure} section (when, and whether the
   * address went on the suppression list); 404 only for an id never known.
   *
   * @param id the shop's id of the customer
   * @return the export, one section per kind of data
   */
  @Get("/{id}/export")
  public HttpResponse<Map<String, Object>> export(@PathVariable String id, HttpRequest<?> request) {
    Map<String, Object> export = privacy.export(id, actor(request));
    return HttpResponse.ok(export)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"customer-" + fileNamePart(id) + "-export.json\"");
  }

  private static String actor(HttpRequest<?> request) {
    return request.getAttribute(ApiKeyFilter.KEY_NAME_ATTRIBUTE, String.class).orElse("unknown");
  }

  /** The id as it may stand in a file name: letters, digits, dot, dash and underscore. */
  static String fileNamePart(String id) {
    String safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.length() <= FILE_NAME_ID ? safe : safe.substring(0, FILE_NAME_ID);
  }
}
