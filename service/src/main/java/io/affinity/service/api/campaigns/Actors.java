package io.affinity.service.api.campaigns;

import io.affinity.service.security.ApiKeyFilter;
import io.micronaut.http.HttpRequest;

/** Who the audit log names for an API request: the API key's name. */
final class Actors {
  private Actors() {}

  static String of(HttpRequest<?> request) {
    return request.getAttribute(ApiKeyFilter.KEY_NAME_ATTRIBUTE, String.class).orElse("unknown");
  }
}
