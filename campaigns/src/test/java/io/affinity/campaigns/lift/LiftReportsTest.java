package io.affinity.campaigns.lift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.affinity.core.error.NotFoundException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attribution in the database on a hand-made campaign: which purchases count, for whom, and on
 * which day. Started at T0, 7-day window.
 *
 * <pre>
 * A  c1 sent T0+1h: order o1 = 2 x 10 + 1 x 5 = 25 at T0+2h, order o2 = 15 on day 3 -> 40, 2 orders
 *    (clicked P1 twice before buying it: P1 bought for 20 after a click)
 * A  c2 sent T0+1h: bought 8 on T0-1d (pre-period) and 50 on T0+8d (outside) -> 0
 * A  c3 not sent (failed): window from T0; bought 20 on T0+1d+1h -> 20, day 1 (clicked P2)
 * A  c4: nothing
 * control c5: 3 x 10 = 30 on T0+2d -> day 2
 * control c6: a view and a return only -> 0
 * control c7: nothing
 * Treatment: n 4, conversions 2, orders 3, revenue 60, sum of squares 40^2 + 20^2 = 2000
 * Control:   n 3, conversions 1, orders 1, revenue 30, sum of squares 900
 * </pre>
 */
@MicronautTest(transactional = false)
class LiftReportsTest {
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  private static final long T0 = 1_700_000_000_000L;

  @Inject LiftFixture fixture;
  @Inject LiftReports reports;
  @Inject RecipientCache cache;
  @Inject KeptPurchases purchases;
  @Inject SnapshotStore snapshots;
  @Inject TransactionOperations<Connection> tx;

  private long campaign;
  private String run;
  private long c1;
  private long c3;
  private long c4;

  @BeforeEach
  void campaign() {
    run = UUID.randomUUID().toString().substring(0, 8);
    campaign = fixture.campaign("hand-made " + run, "email", T0, 7, "[{\"name\": \"A\"}]");
    long p1 = fixture.product(run + "-p1", "Watering can");
    long p2 = fixture.product(run + "-p2", "Trowel");
    c1 = member("c1", "A", T0 + HOUR, "champions");
    fixture.event(c1, "click", p1, null, null, null, T0 + HOUR + HOUR / 2, campaign);
    fixture.event(c1, "click", p1, null, null, null, T0 + HOUR + HOUR / 2 + 1, campaign);
    fixture.event(c1, "purchase", p1, run + "o1", 2, "10.00", T0 + 2 * HOUR, null);
    fixture.event(c1, "purchase", p2, run + "o1", 1, "5.00", T0 + 2 * HOUR, null);
    fixture.event(c1, "purchase", p2, run + "o2", 1, "15.00", T0 + 3 * DAY, null);
    long c2 = member("c2", "A", T0 + HOUR);
    fixture.event(c2, "purchase", p1, run + "o3", 1, "8.00", T0 - DAY, null);
    fixture.event(c2, "purchase", p1, run + "o4", 5, "10.00", T0 + 8 * DAY, null);
    c3 = member("c3", "A", null);
    fixture.event(c3, "click", p2, null, null, null, T0 + HOUR, campaign);
    fixture.event(c3, "purchase", p1, run + "o5", 1, "20.00", T0 + DAY + HOUR, null);
    c4 = member("c4", "A", T0 + HOUR);
    long c5 = member("c5", "control", null, "champions");
    fixture.event(c5, "purchase", p2, run + "o6", 3, "10.00", T0 + 2 * DAY, null);
    long c6 = member("c6", "control", null);
    fixture.event(c6, "view", p1, null, null, null, T0 + DAY, null);
    fixture.event(c6, "return", p1, run + "o7", 1, "10.00", T0 + DAY, null);
    member("c7", "control", null);
  }

  private long member(String name, String arm, Long sentAt) {
    return member(name, arm, sentAt, null);
  }

  /** A recipient who was in RFM segment {@code segment} (none: no metrics) when it was written. */
  private long member(String name, String arm, Long sentAt, String segment) {
    return fixture.member(campaign, run + "-" + name, arm, sentAt, segment);
  }

  @Test
  void armsAreSummedAsWorkedOutByHand() {
    LiftReport report = reports.report(campaign, false, Grouping.NONE);

    ArmFigures t = report.overall().treatment();
    ArmFigures c = report.overall().control();
    assertThat(t)
        .extracting(
            ArmFigures::arm,
            ArmFigures::recipients,
            ArmFigures::conversions,
            ArmFigures::conversionRate,
            ArmFigures::orders,
            ArmFigures::revenue,
            ArmFigures::revenuePerRecipient,
            ArmFigures::averageOrderValue)
        .containsExactly("treatment", 4L, 2L, 0.5, 3L, 60.0, 15.0, 20.0);
    assertThat(c)
        .extracting(
            ArmFigures::arm,
            ArmFigures::recipients,
            ArmFigures::conversions,
            ArmFigures::conversionRate,
            ArmFigures::orders,
            ArmFigures::revenue,
            ArmFigures::revenuePerRecipient,
            ArmFigures::averageOrderValue)
        .containsExactly("control", 3L, 1L, 1.0 / 3, 1L, 30.0, 10.0, 30.0);
    // the arm's own interval: 0.5 +/- 1.959964 * sqrt(0.25 / 4) = 0.5 +/- 0.489991
    assertThat(t.conversionRateInterval().low()).isCloseTo(0.010009, within(1e-6));
    // the statistics are those of the summaries: conversion 2/4 - 1/3 = 0.1667
    assertThat(report.overall().conversion().absoluteLift().value())
        .isCloseTo(1.0 / 6, within(1e-12));
    // revenue: treatment values 40, 0, 20, 0: mean 15, var (2000 - 60^2/4)/3 = 366.67;
    // control 30, 0, 0: mean 10, var (900 - 900/3)/2 = 300; diff 5, se sqrt(91.67 + 100) = 13.844
    assertThat(report.overall().revenuePerRecipient().absoluteLift().value())
        .isCloseTo(5.0, within(1e-9));
    assertThat(report.overall().revenuePerRecipient().tStatistic())
        .isCloseTo(5 / Math.sqrt(366.6666667 / 4 + 100), within(1e-6));
    assertThat(report.overall().warnings()).isNotEmpty(); // 7 recipients detect nothing
  }

  @Test
  void conversionsAreCumulatedPerDayOfTheWindow() {
    LiftReport report = reports.report(campaign, false, Grouping.NONE);

    assertThat(report.daily()).hasSize(2);
    assertThat(report.daily().get(0).arm()).isEqualTo("treatment");
    assertThat(report.daily().get(0).cumulative()).containsExactly(1, 2, 2, 2, 2, 2, 2);
    assertThat(report.daily().get(1).cumulative()).containsExactly(0, 0, 1, 1, 1, 1, 1);
  }

  @Test
  void clicksPerItemCountPurchasesOfTheClickedItemOnce() {
    LiftReport report = reports.report(campaign, false, Grouping.NONE);

    assertThat(report.clicks())
        .containsExactly(
            new ItemClicks(run + "-p1", "Watering can", 2, 1, 1, 20.0),
            new ItemClicks(run + "-p2", "Trowel", 1, 1, 0, 0.0));
  }

  @Test
  void cupedUsesTheSpendOfTheEquallyLongPeriodBefore() {
    LiftReport report = reports.report(campaign, true, Grouping.NONE);

    // only c2 spent before (8, in [T0+1h-7d, T0+1h)); theta pools both arms:
    // pre = (0, 8, 0, 0 | 0, 0, 0), revenue = (40, 0, 20, 0 | 30, 0, 0)
    // mean pre 8/7, var pre = (64 - 64/7)/6 = 9.142857; cov = (0 - 8*90/7)/6 = -17.142857
    // theta = -1.875
    assertThat(report.overall().revenuePerRecipient().cuped().theta())
        .isCloseTo(-1.875, within(1e-9));
    // adjusted treatment mean: 15 + 1.875 * (2 - 8/7) = 16.607143; control: 10 + 1.875 * (0 - 8/7)
    // = 7.857143; diff 8.75
    assertThat(report.overall().revenuePerRecipient().absoluteLift().value())
        .isCloseTo(8.75, within(1e-6));
  }

  @Test
  void byRfmSegmentGroupsCustomersWithoutMetricsAsUnknown() {
    LiftReport report = reports.report(campaign, false, Grouping.RFM);

    assertThat(report.by()).isEqualTo("rfm");
    assertThat(report.groups())
        .extracting(Comparison::group)
        .containsExactly("champions", "unknown");
    Comparison champions = report.groups().get(0);
    assertThat(champions.treatment().recipients()).isEqualTo(1);
    assertThat(champions.treatment().revenue()).isEqualTo(40.0);
    assertThat(champions.control().revenue()).isEqualTo(30.0);
    Comparison unknown = report.groups().get(1);
    assertThat(unknown.treatment().recipients()).isEqualTo(3);
    assertThat(unknown.control().recipients()).isEqualTo(2);
    assertThat(unknown.control().conversions()).isZero();
  }

  @Test
  void byRfmSegmentKeepsTheSegmentEachRecipientWasInWhenWritten() {
    LiftReport before = reports.report(campaign, false, Grouping.RFM);
    // After the campaign, its purchases move c1 to another segment; the report still compares
    // c1 with the control of the segment c1 was in before it.
    fixture.resegment(c1, "loyal");
    LiftReport after = reports.report(campaign, false, Grouping.RFM);

    assertThat(after.groups())
        .extracting(Comparison::group)
        .containsExactly("champions", "unknown");
    assertThat(after.groups().get(0).treatment().recipients()).isEqualTo(1);
    assertThat(after.groups().get(0).treatment().revenue()).isEqualTo(40.0);
    assertThat(after.groups()).usingRecursiveComparison().isEqualTo(before.groups());
  }

  @Test
  void oneReadOfTheRecipientsServesReportsOverallAndBySegmentAlike() {
    cache.clear();
    LiftReport overall = reports.report(campaign, false, Grouping.NONE);
    long reads = cache.reads();

    LiftReport bySegment = reports.report(campaign, false, Grouping.RFM);

    assertThat(cache.reads()).isEqualTo(reads); // read with their segments the first time
    assertThat(bySegment.groups()).extracting(Comparison::group).hasSize(2);
    assertThat(bySegment.overall()).usingRecursiveComparison().isEqualTo(overall.overall());
  }

  @Test
  void byRfmSegmentCountsARecipientAddedLaterInItsOwnSegment() {
    reports.report(campaign, false, Grouping.RFM);
    member("c8", "A", T0 + HOUR, "loyal");

    LiftReport report = reports.report(campaign, false, Grouping.RFM);

    assertThat(report.groups())
        .extracting(Comparison::group)
        .containsExactly("champions", "loyal", "unknown");
    assertThat(report.groups().get(1).treatment().recipients()).isEqualTo(1);
    assertThat(report.groups().get(1).control().recipients()).isZero();
  }

  @Test
  void byVariantComparesEachVariantWithTheSharedControl() {
    long b = fixture.customer(run + "-b1");
    fixture.recipient(campaign, b, "B", T0);
    fixture.event(b, "purchase", null, run + "o9", 1, "100.00", T0 + HOUR, null);

    LiftReport report = reports.report(campaign, false, Grouping.VARIANT);

    assertThat(report.groups()).extracting(Comparison::group).containsExactly("A", "B");
    assertThat(report.groups().get(1).treatment().revenue()).isEqualTo(100.0);
    assertThat(report.groups().get(1).control().recipients()).isEqualTo(3);
    assertThat(report.groups().get(1).revenuePerRecipient()).isNull(); // one recipient in B
    assertThat(report.overall().treatment().recipients()).isEqualTo(5);
  }

  @Test
  void keptRecipientsServeUntilASendOrANewRecipientChangesThem() {
    LiftReport first = reports.report(campaign, false, Grouping.NONE);
    assertThat(first.overall().treatment().conversions()).isEqualTo(2);
    assertThat(recipients()).isSameAs(recipients()); // unchanged rows: the kept arrays

    // c3's message goes out after their purchase (T0+1d+1h): their window now starts later. Only
    // the sent row is read again.
    CampaignRecipients before = recipients();
    long reads = cache.reads();
    fixture.send(campaign, c3, T0 + 2 * DAY);
    assertThat(recipients()).isNotSameAs(before);
    ArmFigures t = reports.report(campaign, false, Grouping.NONE).overall().treatment();
    assertThat(t)
        .extracting(ArmFigures::conversions, ArmFigures::revenue)
        .containsExactly(1L, 40.0);
    assertThat(cache.reads()).isEqualTo(reads);

    // A late recipient who bought in their window counts at once.
    long c8 = member("c8", "control", null);
    fixture.event(
        c8,
        "purchase",
        fixture.product(run + "-p3", "Rake"),
        run + "o8",
        1,
        "12.00",
        T0 + DAY,
        null);
    ArmFigures c = reports.report(campaign, false, Grouping.NONE).overall().control();
    assertThat(c)
        .extracting(ArmFigures::recipients, ArmFigures::conversions, ArmFigures::revenue)
        .containsExactly(4L, 2L, 42.0);
    assertThat(cache.reads()).isEqualTo(reads + 1); // a new row: read whole
  }

  @Test
  void manyRowsSentSinceAreNotMergedButReadWhole() {
    CampaignRecipients before = recipients();
    fixture.send(campaign, c3, T0 + 2 * DAY);
    // Read since a minute before the latest start kept (T0+1h): c1, c2 and c4 sent then, and c3.
    assertThat(withSends(before, 3)).isNull();
    CampaignRecipients merged = withSends(before, 4);
    assertThat(merged.anchor(merged.find(c3))).isEqualTo(T0 + 2 * DAY);
  }

  private CampaignRecipients withSends(CampaignRecipients kept, int maxSent) {
    return tx.executeRead(
        status -> {
          Connection c = status.getConnection();
          try {
            return kept.withSends(c, campaign, RecipientFingerprint.of(c, campaign), maxSent);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void aSendDatedLongBeforeTheLatestReadIsFoundByReadingWhole() {
    LiftReport bySegment = reports.report(campaign, false, Grouping.RFM);
    assertThat(bySegment.overall().treatment().conversions()).isEqualTo(2);
    long reads = cache.reads();
    // Dated a day before the latest send read: too early for the rows sent since, so the merged
    // fingerprint differs and the recipients are read again.
    fixture.send(campaign, c3, T0 - DAY + HOUR);

    LiftReport after = reports.report(campaign, false, Grouping.RFM);

    assertThat(cache.reads()).isEqualTo(reads + 1);
    // c3 bought at T0+1d+1h, inside the window that now starts at T0-23h.
    assertThat(after.overall().treatment().conversions()).isEqualTo(2);
    assertThat(after.groups().get(1).treatment().conversions()).isEqualTo(1);
  }

  @Test
  void aSendSeenByAReportBySegmentMovesTheWindowThere() {
    reports.report(campaign, false, Grouping.RFM);
    long reads = cache.reads();
    fixture.send(campaign, c3, T0 + 2 * DAY);

    LiftReport after = reports.report(campaign, false, Grouping.RFM);

    assertThat(cache.reads()).isEqualTo(reads);
    Comparison unknown = after.groups().get(1);
    assertThat(unknown.group()).isEqualTo("unknown");
    assertThat(unknown.treatment().conversions()).isEqualTo(0); // c3's purchase is now before it
  }

  @Test
  void purchasesSinceTheLastReportCountWithoutReadingThePeriodAgain() {
    reports.report(campaign, true, Grouping.NONE);
    long reads = purchases.reads();
    fixture.event(c4, "purchase", null, run + "o9", 1, "7.00", T0 + 2 * DAY, null);
    // and a pre-period purchase of c1 (CUPED), read in the pre-period's own kept rows
    fixture.event(c1, "purchase", null, run + "o10", 1, "3.00", T0 - 2 * DAY, null);

    LiftReport after = reports.report(campaign, true, Grouping.NONE);

    assertThat(purchases.reads()).isEqualTo(reads);
    ArmFigures t = after.overall().treatment();
    assertThat(t)
        .extracting(ArmFigures::conversions, ArmFigures::orders, ArmFigures::revenue)
        .containsExactly(3L, 4L, 67.0);
    assertThat(after).usingRecursiveComparison().ignoringFields("generatedAt").isEqualTo(fresh());
  }

  @Test
  void aPurchaseCommittedBelowTheIdsReadIsFoundByReadingThePeriodAgain() {
    long late = fixture.event(c4, "view", null, null, null, null, T0 + 2 * DAY, null);
    reports.report(campaign, false, Grouping.NONE);
    long reads = purchases.reads();
    fixture.appearAsPurchase(late, run + "o9", "7.00");

    LiftReport after = reports.report(campaign, false, Grouping.NONE);

    assertThat(purchases.reads()).isEqualTo(reads + 1);
    assertThat(after.overall().treatment())
        .extracting(ArmFigures::conversions, ArmFigures::revenue)
        .containsExactly(3L, 67.0);
  }

  /** The report of the campaign with CUPED and nothing kept or saved. */
  private LiftReport fresh() {
    snapshots.clear();
    cache.clear();
    purchases.clear();
    return reports.report(campaign, true, Grouping.NONE);
  }

  private CampaignRecipients recipients() {
    CampaignFacts facts =
        new CampaignFacts(campaign, "", "email", "running", T0, null, 7, 10, java.util.List.of());
    return tx.executeRead(
        status -> {
          try {
            return cache.recipients(status.getConnection(), facts);
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void unknownAndUnstartedCampaignsAreRefused() {
    assertThatThrownBy(() -> reports.report(Long.MAX_VALUE, false, Grouping.NONE))
        .isInstanceOf(NotFoundException.class);
    long draft = fixture.campaign("draft " + run, "email", null, 7, null);
    assertThatThrownBy(() -> reports.report(draft, false, Grouping.NONE))
        .isInstanceOf(CampaignNotStartedException.class);
  }
}
