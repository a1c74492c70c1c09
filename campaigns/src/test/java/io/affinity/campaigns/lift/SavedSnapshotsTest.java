package io.affinity.campaigns.lift;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node that keeps nothing in memory (just started, or another node) loads the recipients and
 * purchases saved in the database, brings them up to date, and reports exactly what reading the
 * rows reports; a snapshot that is stale or damaged is read past.
 */
@MicronautTest(transactional = false)
class SavedSnapshotsTest {
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  private static final long T0 = 1_710_000_000_000L;

  @Inject LiftFixture fixture;
  @Inject LiftReports reports;
  @Inject RecipientCache cache;
  @Inject KeptPurchases purchases;
  @Inject SnapshotStore store;
  @Inject RecipientSnapshots recipientSnapshots;
  @Inject TransactionOperations<Connection> tx;

  private String run;
  private long campaign;
  private long product;
  private long sent;
  private long unsent;

  /**
   * Treatment: sent bought 30 (two lines of one order) after the send and 9 before (pre-period);
   * unsent bought 12 on day 2. Control: a buyer of 20 and a recipient who bought nothing.
   */
  @BeforeEach
  void campaign() {
    // Other tests' periods start at T0 too: each test starts with nothing kept and nothing saved.
    store.clear();
    cache.clear();
    purchases.clear();
    run = UUID.randomUUID().toString().substring(0, 8);
    campaign = fixture.campaign("saved " + run, "email", T0, 7, "[{\"name\": \"A\"}]");
    product = fixture.product(run + "-p", "Lantern");
    sent = recipient("sent", "A", T0 + HOUR, "champions");
    unsent = recipient("unsent", "A", null, null);
    long buyer = recipient("buyer", "control", null, "loyal");
    recipient("idle", "control", null, null);
    fixture.event(sent, "purchase", product, run + "o1", 2, "10.00", T0 + 2 * HOUR, null);
    fixture.event(sent, "purchase", null, run + "o1", 1, "10.00", T0 + 2 * HOUR, null);
    fixture.event(sent, "purchase", null, run + "o0", 1, "9.00", T0 - DAY, null);
    fixture.event(unsent, "purchase", product, run + "o2", 1, "12.00", T0 + 2 * DAY, null);
    fixture.event(buyer, "purchase", product, run + "o3", 1, "20.00", T0 + DAY, null);
  }

  private long recipient(String name, String arm, Long sentAt, String segment) {
    return fixture.member(campaign, run + "-" + name, arm, sentAt, segment);
  }

  @Test
  void aNodeThatKeepsNothingLoadsWhatWasSavedAndReportsTheSame() {
    LiftReport read = reports.report(campaign, true, Grouping.RFM);
    assertThat(read.overall().treatment())
        .extracting(ArmFigures::conversions, ArmFigures::orders, ArmFigures::revenue)
        .containsExactly(2L, 2L, 42.0);
    long recipientReads = cache.reads();
    long recipientLoads = cache.loads();
    long purchaseReads = purchases.reads();
    long purchaseLoads = purchases.loads();

    LiftReport loaded = afterRestart(true, Grouping.RFM);

    assertThat(cache.reads()).isEqualTo(recipientReads);
    assertThat(cache.loads()).isEqualTo(recipientLoads + 1);
    assertThat(purchases.reads()).isEqualTo(purchaseReads);
    assertThat(purchases.loads()).isEqualTo(purchaseLoads + 2); // the window and the pre-period
    assertThat(loaded).usingRecursiveComparison().ignoringFields("generatedAt").isEqualTo(read);
  }

  @Test
  void sendsAndPurchasesSinceTheSaveAreAddedToWhatWasSaved() {
    reports.report(campaign, true, Grouping.NONE);
    long recipientReads = cache.reads();
    long purchaseReads = purchases.reads();
    // The unsent recipient's message goes out after their purchase, and the idle one buys.
    fixture.send(campaign, unsent, T0 + 3 * DAY);
    fixture.event(sent, "purchase", product, run + "o4", 1, "5.00", T0 + 3 * DAY, null);

    LiftReport loaded = afterRestart(true, Grouping.NONE);

    assertThat(cache.reads()).isEqualTo(recipientReads);
    assertThat(purchases.reads()).isEqualTo(purchaseReads);
    assertThat(loaded.overall().treatment())
        .extracting(ArmFigures::conversions, ArmFigures::orders, ArmFigures::revenue)
        .containsExactly(1L, 2L, 35.0);
    assertThat(loaded)
        .usingRecursiveComparison()
        .ignoringFields("generatedAt")
        .isEqualTo(fresh(true));
  }

  @Test
  void aNewRecipientOrDamagedBytesAreReadPast() {
    reports.report(campaign, false, Grouping.NONE);
    long recipientReads = cache.reads();
    long purchaseReads = purchases.reads();
    recipient("late", "control", null, null);
    damage("purchases/full/");

    LiftReport after = afterRestart(false, Grouping.NONE);

    assertThat(cache.reads()).isEqualTo(recipientReads + 1);
    assertThat(purchases.reads()).isEqualTo(purchaseReads + 1);
    assertThat(after.overall().control().recipients()).isEqualTo(3);
    assertThat(after)
        .usingRecursiveComparison()
        .ignoringFields("generatedAt")
        .isEqualTo(fresh(false));
  }

  @Test
  void recipientsBroughtUpToDateBySendsAreSavedAgainWhenAsked() {
    reports.report(campaign, false, Grouping.NONE);
    fixture.send(campaign, unsent, T0 + 3 * DAY);
    reports.report(campaign, false, Grouping.NONE); // the send merged into the kept recipients
    store.awaitSaves();
    assertThat(savedFingerprint()).isNotEqualTo(currentFingerprint());

    cache.saveChanged(campaign); // as the warmer does for the campaigns it warms
    store.awaitSaves();

    assertThat(savedFingerprint()).isEqualTo(currentFingerprint());
  }

  private RecipientFingerprint savedFingerprint() {
    return tx.executeRead(
        status -> {
          try {
            return recipientSnapshots.header(status.getConnection(), campaign).fingerprint();
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private RecipientFingerprint currentFingerprint() {
    return tx.executeRead(
        status -> {
          try {
            return RecipientFingerprint.of(status.getConnection(), campaign);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** The report once the saves are done and nothing is kept in memory, as after a restart. */
  private LiftReport afterRestart(boolean cuped, Grouping grouping) {
    store.awaitSaves();
    cache.clear();
    purchases.clear();
    return reports.report(campaign, cuped, grouping);
  }

  /** The report overall from the rows alone: nothing kept, nothing saved. */
  private LiftReport fresh(boolean cuped) {
    store.clear();
    cache.clear();
    purchases.clear();
    return reports.report(campaign, cuped, Grouping.NONE);
  }

  /** Appends a byte to the first part of the snapshots whose name starts with {@code family}. */
  private void damage(String family) {
    store.awaitSaves();
    int damaged =
        fixture.update(
            "UPDATE lift_snapshots SET data = CONCAT(data, X'00') WHERE name LIKE ? AND part = 0",
            family + "%");
    assertThat(damaged).isPositive();
  }
}
