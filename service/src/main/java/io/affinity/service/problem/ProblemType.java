package io.affinity.service.problem;

import io.micronaut.http.HttpStatus;

/** The kinds of problem the API reports, each with its fixed type URI, title and status. */
public enum ProblemType {
  INVALID_INPUT("invalid-input", "The request is not valid", HttpStatus.UNPROCESSABLE_ENTITY),
  MALFORMED_REQUEST("malformed-request", "The request could not be read", HttpStatus.BAD_REQUEST),
  NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
  UNAUTHORIZED("unauthorized", "A valid API key is required", HttpStatus.UNAUTHORIZED),
  FORBIDDEN("forbidden", "The API key lacks the scope this endpoint needs", HttpStatus.FORBIDDEN),
  CONFLICT("conflict", "The request conflicts with the current state", HttpStatus.CONFLICT),
  UNAVAILABLE("unavailable", "Not ready yet", HttpStatus.SERVICE_UNAVAILABLE),
  /** Too many failed API keys from one address, or a key over its request rate. */
  TOO_MANY_REQUESTS("too-many-requests", "Too many requests", HttpStatus.TOO_MANY_REQUESTS),
  INTERNAL("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR),
  /** Any other HTTP error (method not allowed, unsupported media type, too large, ...). */
  HTTP("http-error", "HTTP error", HttpStatus.BAD_REQUEST);

  private static final String PREFIX = "urn:affinity:problem:";

  private final String uri;
  private final String title;
  private final HttpStatus status;

  ProblemType(String slug, String title, HttpStatus status) {
    this.uri = PREFIX + slug;
    this.title = title;
    this.status = status;
  }

  /** The fixed type URI. */
  public String uri() {
    return uri;
  }

  /** The short summary of this kind of problem. */
  public String title() {
    return title;
  }

  /** The status this kind of problem is reported with. */
  public HttpStatus status() {
    return status;
  }
}
