package io.affinity.campaigns.lift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edges of attribution that the per-recipient totals in Java must get as the SQL did. Started
 * at T0, 7-day window.
 *
 * <pre>
 * A  t1 sent T0+1h: order X: P 4.00 at T0+30min (pre-period), P 10.00 at T0+2h, 5.00 at the last
 *    millisecond of the window, P 100.00 at the window's end (outside); 1.00 twice without an order
 *    id at T0+3h -> revenue 17, orders 3 (X once, plus two without id), day 0, pre 4
 *    (clicked P at T0+1h10min: bought P for 10 after the click)
 * A  t2 sent T0+1h: order Z 2.50 at T0+1d+1h -> day 1
 * control k1: order Z 3.00 at T0+5h (another customer's order Z counts again), order Y without a
 *    quantity at T0+6h (converts, an order, no revenue) -> revenue 3, orders 2
 * control k2: nothing
 * </pre>
 */
@MicronautTest(transactional = false)
class AttributionEdgesTest {
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  private static final long T0 = 1_700_000_000_000L;

  @Inject LiftFixture fixture;
  @Inject LiftReports reports;

  private long campaign;
  private String run;

  @BeforeEach
  void campaign() {
    run = UUID.randomUUID().toString().substring(0, 8);
    campaign = fixture.campaign("edges " + run, "email", T0, 7, "[{\"name\": \"A\"}]");
    long p = fixture.product(run + "-p", "Seeds");
    long t1 = member("t1", "A", T0 + HOUR);
    fixture.event(t1, "click", p, null, null, null, T0 + HOUR + 10 * 60_000L, campaign);
    fixture.event(t1, "purchase", p, run + "X", 1, "4.00", T0 + HOUR / 2, null);
    fixture.event(t1, "purchase", p, run + "X", 1, "10.00", T0 + 2 * HOUR, null);
    fixture.event(t1, "purchase", null, run + "X", 1, "5.00", T0 + HOUR + 7 * DAY - 1, null);
    fixture.event(t1, "purchase", p, run + "X", 1, "100.00", T0 + HOUR + 7 * DAY, null);
    fixture.event(t1, "purchase", null, null, 1, "1.00", T0 + 3 * HOUR, null);
    fixture.event(t1, "purchase", null, null, 1, "1.00", T0 + 3 * HOUR, null);
    long t2 = member("t2", "A", T0 + HOUR);
    fixture.event(t2, "purchase", null, run + "Z", 1, "2.50", T0 + DAY + HOUR, null);
    long k1 = member("k1", "control", null);
    fixture.event(k1, "purchase", null, run + "Z", 1, "3.00", T0 + 5 * HOUR, null);
    fixture.event(k1, "purchase", null, run + "Y", null, null, T0 + 6 * HOUR, null);
    member("k2", "control", null);
  }

  private long member(String name, String arm, Long sentAt) {
    long id = fixture.customer(run + "-" + name);
    fixture.recipient(campaign, id, arm, sentAt);
    return id;
  }

  @Test
  void ordersAcrossTheWindowEdgeCountOnceAndOnlyTheirLinesInside() {
    LiftReport report = reports.report(campaign, false, Grouping.NONE);

    assertThat(report.overall().treatment())
        .extracting(ArmFigures::recipients, ArmFigures::conversions, ArmFigures::orders)
        .containsExactly(2L, 2L, 4L);
    assertThat(report.overall().treatment().revenue()).isEqualTo(19.5);
    assertThat(report.overall().control())
        .extracting(ArmFigures::recipients, ArmFigures::conversions, ArmFigures::orders)
        .containsExactly(2L, 1L, 2L);
    assertThat(report.overall().control().revenue()).isEqualTo(3.0);
    assertThat(report.daily().get(0).cumulative()).containsExactly(1, 2, 2, 2, 2, 2, 2);
    assertThat(report.daily().get(1).cumulative()).containsExactly(1, 1, 1, 1, 1, 1, 1);
    assertThat(report.clicks()).containsExactly(new ItemClicks(run + "-p", "Seeds", 1, 1, 1, 10.0));
  }

  @Test
  void thePrePeriodTakesTheLinesJustBeforeTheWindow() {
    LiftReport report = reports.report(campaign, true, Grouping.NONE);

    // pre (4, 0 | 0, 0), revenue (17, 2.5 | 3, 0): var pre (16 - 16/4)/3 = 4,
    // cov (68 - 4 * 22.5 / 4)/3 = 15.1667, theta = 3.791667
    assertThat(report.overall().revenuePerRecipient().cuped().theta())
        .isCloseTo(45.5 / 12, within(1e-9));
  }

  @Test
  void exactSumsSurviveOverflowAndRoundOnce() {
    ExactSum sum = new ExactSum();
    sum.add(Long.MAX_VALUE);
    sum.add(Long.MAX_VALUE);
    sum.addProduct(Long.MAX_VALUE, 3);
    sum.add(-Long.MAX_VALUE);
    assertThat(sum.toDouble(2))
        .isEqualTo(
            new BigDecimal(Long.MAX_VALUE)
                .multiply(BigDecimal.valueOf(4))
                .movePointLeft(2)
                .doubleValue());
    ExactSum cents = new ExactSum();
    for (int i = 0; i < 10; i++) {
      cents.add(10); // ten times 0.10: exact, unlike summing doubles
    }
    assertThat(cents.toDouble(2)).isEqualTo(1.0);
  }
}
