package io.affinity.campaigns.lift;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Snapshots in parts come back whole and only under their stamp; each family keeps its newest. */
@MicronautTest(transactional = false)
class SnapshotStoreTest {
  @Inject SnapshotStore store;
  @Inject TransactionOperations<Connection> tx;

  private final String family = "test-" + UUID.randomUUID() + "/";

  @Test
  void aSnapshotOfSeveralPartsIsReadWholeUnderItsStampOnly() {
    byte[] bytes = new byte[2 * SnapshotStore.PART_BYTES + 12_345];
    new Random(7).nextBytes(bytes);
    String name = family + "big";
    store.saveLater(name, "v1", () -> bytes, family, 10);
    store.awaitSaves();

    assertThat(read(name, "v1")).isEqualTo(bytes);
    assertThat(read(name, "v2")).isNull();

    // Saved again, smaller: no part of the old one is left to be read with it.
    store.saveLater(name, "v2", () -> new byte[] {1, 2, 3}, family, 10);
    store.awaitSaves();
    assertThat(read(name, "v2")).containsExactly(1, 2, 3);
    assertThat(read(name, "v1")).isNull();
  }

  @Test
  void eachFamilyKeepsItsNewestSnapshotsWithinItsBudget() throws InterruptedException {
    String numbered = family + "n/";
    String other = family + "other/";
    store.saveLater(other + "kept", "s", () -> new byte[] {9, 9, 9}, other, 1); // the newest, kept
    for (int n = 1; n <= 3; n++) {
      byte[] bytes = {(byte) n};
      store.saveLater(numbered + n, "s", () -> bytes, numbered, 2); // room for two bytes
      store.awaitSaves();
      Thread.sleep(5); // each saved at a later millisecond
    }

    assertThat(read(numbered + 1, "s")).isNull();
    assertThat(read(numbered + 2, "s")).containsExactly(2);
    assertThat(read(numbered + 3, "s")).containsExactly(3);
    assertThat(read(other + "kept", "s")).containsExactly(9, 9, 9);
  }

  private byte[] read(String name, String stamp) {
    return tx.executeRead(
        status -> {
          try {
            return store.load(status.getConnection(), name, stamp);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
