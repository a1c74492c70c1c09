package io.affinity.service.api;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Sends requests through a real HTTP client and returns status, content type and the JSON body,
 * whatever the status: the tests assert on error responses as much as on successes.
 */
public final class TestApi {
  public static final String ADMIN = "test-admin-key-0000000001";
  public static final String INGEST = "test-ingest-key-000000001";
  public static final String RECOMMEND = "test-recommend-key-000001";
  public static final String MARKETING = "test-marketing-key-000001";

  /** A response: status, content type and the body parsed as JSON (null when empty). */
  public record Reply(int status, String contentType, Object body) {
    @SuppressWarnings("unchecked")
    public Map<String, Object> json() {
      return (Map<String, Object>) body;
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> errors() {
      return (List<Map<String, Object>>) json().get("errors");
    }

    /** The fields named by a problem's errors. */
    public List<String> errorFields() {
      return errors() == null
          ? List.of()
          : errors().stream().map(e -> (String) e.get("field")).toList();
    }
  }

  private final HttpClient client;
  private final JsonMapper json;

  public TestApi(HttpClient client, JsonMapper json) {
    this.client = client;
    this.json = json;
  }

  public Reply get(String path, String key) {
    return send(HttpRequest.GET(path), key);
  }

  public Reply put(String path, String body, String key) {
    return send(HttpRequest.PUT(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), key);
  }

  public Reply post(String path, String body, String key) {
    return send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), key);
  }

  /** Sends {@code request} with {@code key} in X-API-Key (none when null). */
  public Reply send(MutableHttpRequest<?> request, String key) {
    if (key != null) {
      request.header("X-API-Key", key);
    }
    HttpResponse<String> response;
    try {
      response = client.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
    } catch (HttpClientResponseException e) {
      @SuppressWarnings("unchecked")
      HttpResponse<String> r = (HttpResponse<String>) e.getResponse();
      response = r;
      String text = e.getResponse().getBody(String.class).orElse(null);
      return new Reply(
          r.code(), r.getContentType().map(MediaType::toString).orElse(""), parse(text));
    }
    return new Reply(
        response.code(),
        response.getContentType().map(MediaType::toString).orElse(""),
        parse(response.body()));
  }

  /**
   * Registers an external campaign named {@code name} and returns its id: an event may only name a
   * campaign that exists.
   */
  public long externalCampaign(String name) {
    Reply reply =
        post(
            "/api/campaigns/external",
            toJson(
                Map.of(
                    "name",
                    name,
                    "startedAt",
                    "2024-04-01T08:00:00Z",
                    "attributionDays",
                    14,
                    "variants",
                    List.of("A"))),
            MARKETING);
    if (reply.status() != 201) {
      throw new IllegalStateException("could not register a campaign: " + reply.body());
    }
    return ((Number) reply.json().get("id")).longValue();
  }

  /** Writes {@code value} as JSON. */
  public String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Object parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return json.readValue(text, Object.class);
    } catch (IOException e) {
      return text; // not JSON: the test shows what came back
    }
  }
}
