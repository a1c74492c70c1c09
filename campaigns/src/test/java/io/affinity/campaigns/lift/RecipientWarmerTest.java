package io.affinity.campaigns.lift;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class RecipientWarmerTest {
  private static final long DAY = 86_400_000L;
  // Far after every other test's campaigns, so that only this test's count as the latest.
  private static final long NOW = 4_000_000_000_000L;

  @Inject LiftFixture fixture;
  @Inject RecipientWarmer warmer;
  @Inject RecipientCache cache;
  @Inject KeptPurchases purchases;
  @Inject LiftReports reports;

  @Test
  void keepsTheRowsOfRecentCampaignsOnly() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    long recent = campaign(run + "-recent", NOW - DAY);
    long closedLately = campaign(run + "-closed-lately", NOW - 7 * DAY - 29 * DAY);
    long old = campaign(run + "-old", NOW - 7 * DAY - 31 * DAY);
    cache.clear();
    purchases.clear();

    assertThat(warmer.warm(NOW)).containsExactly(recent, closedLately);

    assertThat(cache.holds(recent)).isTrue();
    assertThat(cache.holds(closedLately)).isTrue();
    assertThat(cache.holds(old)).isFalse();
    // The most demanding report of a warmed campaign reads nothing whole.
    long recipientReads = cache.reads();
    long purchaseReads = purchases.reads();
    LiftReport report = reports.report(recent, true, Grouping.RFM);
    assertThat(report.overall().treatment().recipients()).isEqualTo(1);
    assertThat(cache.reads()).isEqualTo(recipientReads);
    assertThat(purchases.reads()).isEqualTo(purchaseReads);
  }

  private long campaign(String name, long startedAt) {
    long id = fixture.campaign(name, "email", startedAt, 7, "[{\"name\": \"A\"}]");
    fixture.recipient(id, fixture.customer(name + "-c1"), "A", startedAt + 1000);
    fixture.recipient(id, fixture.customer(name + "-c2"), "control", null);
    return id;
  }
}
