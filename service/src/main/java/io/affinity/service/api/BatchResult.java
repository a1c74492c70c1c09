package io.affinity.service.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What a batch upsert did; the batch was stored whole.
 *
 * @param received items in the request
 * @param created items that were new
 * @param updated items that existed and were updated
 */
@Serdeable
public record BatchResult(int received, int created, int updated) {
  /** The result of upserting {@code received} items of which {@code created} were new. */
  public static BatchResult of(int received, int created) {
    return new BatchResult(received, created, received - created);
  }
}
