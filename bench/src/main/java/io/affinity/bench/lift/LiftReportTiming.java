package io.affinity.bench.lift;

import io.affinity.campaigns.lift.Grouping;
import io.affinity.campaigns.lift.KeptPurchases;
import io.affinity.campaigns.lift.LiftReport;
import io.affinity.campaigns.lift.LiftReports;
import io.affinity.campaigns.lift.RecipientCache;
import io.affinity.campaigns.lift.SnapshotStore;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End to end on MariaDB: the lift report of a campaign of a million recipients, computed by the
 * service's own {@link LiftReports} bean (attribution and clicks, statistics), timed over several
 * runs. The baselines of the same run are the floors of any report: one pass that only counts the
 * recipients per arm (the floor every report's median is divided by), and one that only sums the
 * purchases of the campaign's period (the rows the attribution has to read).
 */
@Command(name = "lift-report-timing", mixinStandardHelpOptions = true)
public class LiftReportTiming implements Callable<Integer> {
  @Option(
      names = "--jdbc",
      defaultValue =
          "jdbc:mysql://127.0.0.1:3306/affinity_liftbench?createDatabaseIfNotExist=true&useSSL=false"
              + "&allowPublicKeyRetrieval=true&useServerPrepStmts=true&cachePrepStmts=true")
  String jdbc;

  @Option(names = "--recipients", defaultValue = "1000000")
  int recipients;

  @Option(names = "--runs", defaultValue = "5")
  int runs;

  private int sends; // calls of send(): which recipients it moves next

  public static void main(String[] args) {
    System.exit(new CommandLine(new LiftReportTiming()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Map<String, Object> config =
        Map.of(
            "datasources.default.url", jdbc,
            "datasources.default.driver-class-name", "com.mysql.cj.jdbc.Driver",
            "datasources.default.username", "root",
            "datasources.default.password", "",
            "datasources.default.dialect", "MYSQL",
            "affinity.recommender.train-on-start", false,
            "affinity.data-dir", Files.createTempDirectory("lift-bench").toString());
    try (ApplicationContext ctx = ApplicationContext.builder().properties(config).start()) {
      long campaign;
      try (Connection c = connect()) {
        campaign = LiftBenchData.campaign(c, recipients);
      }
      LiftReports reports = ctx.getBean(LiftReports.class);
      LiftReport sample = reports.report(campaign, false, Grouping.NONE); // warm-up
      System.out.printf(
          "campaign %d: treatment %,d (conversion %.4f), control %,d (conversion %.4f),"
              + " conversion lift %.4f p=%.3g, revenue lift %.3f p=%.3g%n",
          campaign,
          sample.overall().treatment().recipients(),
          sample.overall().treatment().conversionRate(),
          sample.overall().control().recipients(),
          sample.overall().control().conversionRate(),
          sample.overall().conversion().absoluteLift().value(),
          sample.overall().conversion().pValue(),
          sample.overall().revenuePerRecipient().absoluteLift().value(),
          sample.overall().revenuePerRecipient().pValue());
      double floor = time("baseline: count recipients per arm", () -> countPerArm(campaign), 0);
      RecipientCache cache = ctx.getBean(RecipientCache.class);
      KeptPurchases purchases = ctx.getBean(KeptPurchases.class);
      SnapshotStore snapshots = ctx.getBean(SnapshotStore.class);
      // Before each run, untimed: forget what this node keeps (as after a restart, or on another
      // node), and with "nothing saved" the snapshots saved in the database as well (as for the
      // first report ever of a campaign that was never warmed).
      Callable<?> forget =
          () -> {
            snapshots.awaitSaves();
            cache.clear();
            purchases.clear();
            return null;
          };
      Callable<?> forgetAll =
          () -> {
            snapshots.clear();
            return forget.call();
          };
      // First as for a campaign not reported on since a restart (read its saved recipients and the
      // period's purchases) or ever, then as an analyst's repeated report finds them (kept).
      time(
          "report (overall), nothing kept",
          forget,
          () -> reports.report(campaign, false, Grouping.NONE),
          floor);
      time(
          "report (overall), nothing saved",
          forgetAll,
          () -> reports.report(campaign, false, Grouping.NONE),
          floor);
      snapshots.awaitSaves(); // the saves of the reports just timed: not part of the next ones
      time("report (overall)", () -> reports.report(campaign, false, Grouping.NONE), floor);
      // As while the campaign is being sent: before each report (untimed), about 1,000 recipients
      // get a later send time and 1,000 purchases are made, so the kept recipients are brought up
      // to date by the sent rows and the kept purchases by the new ones.
      time(
          "report (overall) during a send",
          () -> send(campaign) + buy(campaign),
          () -> reports.report(campaign, false, Grouping.NONE),
          floor);
      time("report (overall, CUPED)", () -> reports.report(campaign, true, Grouping.NONE), floor);
      time("report (by variant)", () -> reports.report(campaign, false, Grouping.VARIANT), floor);
      time(
          "report (by RFM, CUPED), nothing kept",
          forget,
          () -> reports.report(campaign, true, Grouping.RFM),
          floor);
      time(
          "report (by RFM, CUPED), nothing saved",
          forgetAll,
          () -> reports.report(campaign, true, Grouping.RFM),
          floor);
      snapshots.awaitSaves();
      time(
          "report (by RFM segment, CUPED)",
          () -> reports.report(campaign, true, Grouping.RFM),
          floor);
      time("baseline: sum the period's purchases", () -> sumPeriod(sample), floor);
    }
    return 0;
  }

  /**
   * Times {@code work} {@code runs} times and prints median, min and max, the load average after
   * the runs (the machine is shared) and the median's ratio to {@code floor} (unless 0); returns
   * the median in milliseconds.
   */
  private double time(String what, Callable<?> work, double floor) throws Exception {
    return time(what, () -> null, work, floor);
  }

  /** As {@link #time(String, Callable, double)}, running {@code before} untimed before each run. */
  private double time(String what, Callable<?> before, Callable<?> work, double floor)
      throws Exception {
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      before.call();
      long start = System.nanoTime();
      work.call();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    double median = sorted[runs / 2];
    System.out.printf(
        "%-36s median %8.1f ms  min %8.1f ms  max %8.1f ms  (%d runs)  %s  load %s%n",
        what,
        median,
        sorted[0],
        sorted[runs - 1],
        runs,
        floor > 0 ? "%5.1fx floor".formatted(median / floor) : "           ",
        loadAverage());
    return median;
  }

  /** The 1, 5 and 15 minute load averages, or "?" where /proc is not there. */
  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private Connection connect() throws java.sql.SQLException {
    return DriverManager.getConnection(jdbc, "root", "");
  }

  /** One pass over the purchases of the campaign's period, without attributing them. */
  private double sumPeriod(LiftReport report) throws Exception {
    long start = report.campaign().startedAt();
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*), SUM(quantity * unit_price) FROM events WHERE type = 'purchase'"
                    + " AND occurred_at >= ? AND occurred_at < ?")) {
      ps.setLong(1, start);
      ps.setLong(2, start + 3_600_000L + report.campaign().windowMillis());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getDouble(2);
      }
    }
  }

  /**
   * Sends about a 900th of {@code campaign}'s treatment recipients (a thousand at a million) again,
   * other ones at each call: their send time becomes a second after the previous call's, later than
   * every other, as the sends of a running campaign are.
   */
  private int send(long campaign) throws Exception {
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE campaign_recipients SET sent_at = ? WHERE campaign_id = ?"
                    + " AND sent_at IS NOT NULL AND MOD(customer_id, 900) = ?")) {
      ps.setLong(1, LiftBenchData.T0 + 3_600_000L + 1000L * sends);
      ps.setLong(2, campaign);
      ps.setInt(3, sends++ % 900);
      return ps.executeUpdate();
    }
  }

  /**
   * Adds 1,000 purchases of random recipients of {@code campaign}, in the window of its first
   * sends, as a shop's purchases keep arriving during a send.
   */
  private int buy(long campaign) throws Exception {
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO events (client_event_id, customer_id, product_id, type, order_id,"
                    + " quantity, unit_price, occurred_at, received_at)"
                    + " SELECT CONCAT('bench-buy-', UUID()), base + FLOOR(RAND() * ?), NULL,"
                    + " 'purchase', CONCAT('bench-', UUID()), 1, 9.99, ?, 0 FROM (SELECT"
                    + " MIN(customer_id) AS base FROM campaign_recipients WHERE campaign_id = ?) b"
                    + " CROSS JOIN seq_1_to_1000")) {
      ps.setInt(1, recipients);
      ps.setLong(2, LiftBenchData.T0 + 2 * 3_600_000L + 1000L * sends);
      ps.setLong(3, campaign);
      return ps.executeUpdate();
    }
  }

  private long countPerArm(long campaign) throws Exception {
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT arm, COUNT(*) FROM campaign_recipients WHERE campaign_id = ? GROUP BY arm")) {
      ps.setLong(1, campaign);
      long total = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          total += rs.getLong(2);
        }
      }
      return total;
    }
  }
}
