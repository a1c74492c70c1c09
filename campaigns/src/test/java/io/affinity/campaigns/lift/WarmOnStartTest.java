package io.affinity.campaigns.lift;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.CampaignStarted;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A started campaign's rows are read and saved in the background before anyone reports on it. */
@MicronautTest(transactional = false)
@Property(name = "affinity.lift.warm-on-start", value = "true")
class WarmOnStartTest {
  private static final long T0 = 1_720_000_000_000L;

  @Inject LiftFixture fixture;
  @Inject ApplicationEventPublisher<CampaignStarted> started;
  @Inject RecipientSnapshots snapshots;
  @Inject SnapshotStore store;
  @Inject RecipientCache cache;
  @Inject KeptPurchases purchases;
  @Inject LiftReports reports;
  @Inject TransactionOperations<Connection> tx;

  @Test
  void noReportIsTheFirstToReadAStartedCampaignsRows() throws InterruptedException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    long campaign = fixture.campaign("started " + run, "email", T0, 7, "[{\"name\": \"A\"}]");
    long buyer = fixture.customer(run + "-buyer");
    fixture.recipient(campaign, buyer, "A", T0 + 1000);
    fixture.recipient(campaign, fixture.customer(run + "-idle"), "control", null);
    fixture.event(buyer, "purchase", null, run + "-o1", 1, "25.00", T0 + 60_000, null);

    started.publishEvent(new CampaignStarted(campaign));
    for (int tries = 0; tries < 500 && !saved(campaign); tries++) {
      Thread.sleep(20); // the read and the save run in the background
    }

    assertThat(saved(campaign)).isTrue();
    store.awaitSaves();
    cache.clear(); // as on another node, or after a restart
    purchases.clear();
    long recipientReads = cache.reads();
    long purchaseReads = purchases.reads();
    LiftReport report = reports.report(campaign, true, Grouping.RFM);
    assertThat(cache.reads()).isEqualTo(recipientReads);
    assertThat(purchases.reads()).isEqualTo(purchaseReads);
    assertThat(report.overall().treatment())
        .extracting(ArmFigures::recipients, ArmFigures::conversions, ArmFigures::revenue)
        .containsExactly(1L, 1L, 25.0);
  }

  private boolean saved(long campaign) {
    return tx.executeRead(
        status -> {
          try {
            return snapshots.header(status.getConnection(), campaign) != null;
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
