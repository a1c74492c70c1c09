package io.affinity.campaigns.lift;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.CampaignStarted;
import io.affinity.campaigns.external.ExternalCampaignInput;
import io.affinity.campaigns.external.ExternalCampaigns;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A started campaign's rows, or an external campaign's once imported, are read and saved in the
 * background before anyone reports on it.
 */
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
  @Inject ExternalCampaigns external;

  @Test
  void noReportIsTheFirstToReadAStartedCampaignsRows() throws InterruptedException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    long campaign = fixture.campaign("started " + run, "email", T0, 7, "[{\"name\": \"A\"}]");
    long buyer = fixture.customer(run + "-buyer");
    fixture.recipient(campaign, buyer, "A", T0 + 1000);
    fixture.recipient(campaign, fixture.customer(run + "-idle"), "control", null);
    fixture.event(buyer, "purchase", null, run + "-o1", 1, "25.00", T0 + 60_000, null);

    started.publishEvent(new CampaignStarted(campaign));

    awaitSaved(campaign);
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

  @Test
  void noReportIsTheFirstToReadTheRecipientsImportedForAnExternalCampaign()
      throws InterruptedException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    fixture.customer(run + "-x");
    fixture.customer(run + "-y");
    long campaign =
        external
            .register(
                new ExternalCampaignInput(
                    "imported " + run, Instant.ofEpochMilli(T0), 7, List.of("A")))
            .id();

    external.importRecipients(
        campaign, new StringReader("customer_id,arm\n" + run + "-x,A\n" + run + "-y,control\n"));

    awaitSaved(campaign);
    cache.clear();
    long recipientReads = cache.reads();
    LiftReport report = reports.report(campaign, false, Grouping.NONE);
    assertThat(cache.reads()).isEqualTo(recipientReads);
    assertThat(report.overall().control().recipients()).isEqualTo(1);
  }

  /** Waits for the background read to save the recipients of {@code campaign} (10 s at most). */
  private void awaitSaved(long campaign) throws InterruptedException {
    for (int tries = 0; tries < 500 && !saved(campaign); tries++) {
      Thread.sleep(20);
    }
    assertThat(saved(campaign)).isTrue();
    store.awaitSaves();
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
