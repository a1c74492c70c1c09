package io.affinity.service.api.hostile;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * One endpoint under attack.
 *
 * @param name for the report
 * @param method GET, POST or PUT
 * @param path the path, with a valid id
 * @param key the API key that may call it
 * @param contentType of the body (null for GET)
 * @param valid a valid body for attempt {@code i} (ids unique to the attempt); null for GET
 * @param batch whether the body is a batch (a top-level array of items)
 * @param rows counts the rows a request of this test could have written (null: nothing to count)
 * @param parameters the query parameters the endpoint takes, for GET and basket endpoints
 */
record Target(
    String name,
    String method,
    String path,
    String key,
    String contentType,
    IntFunction<String> valid,
    boolean batch,
    LongSupplier rows,
    List<String> parameters) {}
