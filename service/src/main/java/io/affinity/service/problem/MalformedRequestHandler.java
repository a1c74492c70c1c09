package io.affinity.service.problem;

import io.affinity.core.error.FieldError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/** An unreadable body: 400 naming the field and what the parser objected to. */
@Produces
@Singleton
public class MalformedRequestHandler
    implements ExceptionHandler<MalformedRequestException, HttpResponse<Problem>> {
  @Override
  public HttpResponse<Problem> handle(HttpRequest request, MalformedRequestException e) {
    String reason = ReadableErrors.clean(e.getMessage());
    return Problems.of(
        ProblemType.MALFORMED_REQUEST,
        request,
        e.field() + ": " + reason,
        List.of(new FieldError(e.field(), reason)));
  }
}
