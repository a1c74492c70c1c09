package io.affinity.core.event;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What a batch did.
 *
 * @param received events in the request
 * @param stored events written now
 * @param duplicates events already stored under the same event id, and left alone
 * @param customersCreated customers first seen in this batch
 * @param productsCreated products first seen in this batch
 */
@Serdeable
public record IngestResult(
    int received, int stored, int duplicates, int customersCreated, int productsCreated) {

  /** The sum of two results, for counting over many batches. */
  public IngestResult plus(IngestResult other) {
    return new IngestResult(
        received + other.received,
        stored + other.stored,
        duplicates + other.duplicates,
        customersCreated + other.customersCreated,
        productsCreated + other.productsCreated);
  }

  /** Nothing yet. */
  public static IngestResult empty() {
    return new IngestResult(0, 0, 0, 0, 0);
  }
}
