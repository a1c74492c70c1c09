package io.affinity.bench.segments;

import io.affinity.campaigns.segments.BehaviourFacts;
import io.affinity.campaigns.segments.Rule;
import io.affinity.campaigns.segments.RuleParser;
import io.affinity.campaigns.segments.SegmentAudience;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Segment count over a synthetic shop (default 1M customers, 100k products, 10M events) on H2 or
 * MariaDB: loads the shop once (kept between runs), fills metrics, builds the behaviour facts, then
 * times {@link SegmentAudience#count} of a five-condition rule tree against the same tree in naive
 * SQL over the events table, checking that both give the same count.
 */
@Command(name = "segment-count", mixinStandardHelpOptions = true)
public final class SegmentCountBench implements Callable<Integer> {
  @Option(names = "--db", defaultValue = "h2", description = "h2 or mariadb")
  String db;

  @Option(names = "--customers", defaultValue = "1000000")
  int customers;

  @Option(names = "--products", defaultValue = "100000")
  int products;

  @Option(names = "--events", defaultValue = "10000000")
  long events;

  @Option(names = "--seed", defaultValue = "1")
  long seed;

  @Option(names = "--runs", defaultValue = "15")
  int runs;

  @Option(names = "--baseline-runs", defaultValue = "3")
  int baselineRuns;

  @Option(names = "--dir", defaultValue = "bench/target/segment-bench")
  Path dir;

  @Option(names = "--database", defaultValue = "affinity_segment_bench")
  String database;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SegmentCountBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ShopSpec spec = ShopSpec.of(customers, products, events, seed);
    Map<String, Object> props = new HashMap<>();
    props.put("affinity.data-dir", dir.toAbsolutePath().toString());
    // The bench fills the metrics itself (BenchMetrics); an incremental refresh of the loaded
    // customers would rewrite them underneath the timed counts.
    props.put("affinity.value.incremental", false);
    if (db.equals("mariadb")) {
      props.put(
          "datasources.default.url",
          "jdbc:mysql://127.0.0.1:3306/"
              + database
              + "?createDatabaseIfNotExist=true&useSSL=false&allowPublicKeyRetrieval=true"
              + "&useServerPrepStmts=true&cachePrepStmts=true");
      props.put("datasources.default.driver-class-name", "com.mysql.cj.jdbc.Driver");
      props.put("datasources.default.username", "root");
      props.put("datasources.default.password", "");
    } else {
      props.put(
          "datasources.default.url",
          "jdbc:h2:file:"
              + dir.toAbsolutePath().resolve("h2/affinity")
              + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CACHE_SIZE=1048576");
    }
    try (ApplicationContext ctx = ApplicationContext.builder().properties(props).start()) {
      TransactionOperations<Connection> tx = ctx.getBean(TransactionOperations.class);
      long asOf = spec.end().toEpochMilli();
      if (single(tx, "SELECT COUNT(*) FROM customers") < customers) {
        long t = System.currentTimeMillis();
        ctx.getBean(SyntheticShopLoader.class).load(spec, ProgressListener.NONE);
        System.out.printf("load: %.1f s%n", (System.currentTimeMillis() - t) / 1000.0);
      }
      if (!BenchMetrics.filled(tx)) {
        long t = System.currentTimeMillis();
        tx.executeWrite(
            s -> {
              BenchMetrics.fill(s.getConnection(), asOf);
              return null;
            });
        System.out.printf("metrics: %.1f s%n", (System.currentTimeMillis() - t) / 1000.0);
      }
      BehaviourFacts facts = ctx.getBean(BehaviourFacts.class);
      if (single(tx, "SELECT last_event_id FROM segment_facts_progress WHERE id = 1") == 0) {
        long t = System.currentTimeMillis();
        long read = facts.rebuild();
        System.out.printf(
            "facts rebuild: %.1f s (%d grouped event rows, %d facts)%n",
            (System.currentTimeMillis() - t) / 1000.0,
            read,
            single(tx, "SELECT COUNT(*) FROM segment_facts"));
      }
      String category = topCategory(tx);
      BenchRule r = new BenchRule(365, 2, category, 90, 30);
      Rule rule =
          RuleParser.parse(
              ctx.getBean(JsonMapper.class).readValue(r.json(), Object.class), "rules");
      SegmentAudience audience = ctx.getBean(SegmentAudience.class);
      System.out.printf(
          "db=%s customers=%d products=%d events=%d%nrule: %s%n",
          db,
          single(tx, "SELECT COUNT(*) FROM customers"),
          single(tx, "SELECT COUNT(*) FROM products"),
          single(tx, "SELECT COUNT(*) FROM events"),
          r.json());

      long first = System.nanoTime();
      long count = audience.count(rule, asOf);
      double firstMs = (System.nanoTime() - first) / 1e6;
      System.out.printf("the first count, which loads the columns: %.1f s%n", firstMs / 1000);
      // The shop is static: with the facts' mark still for over a minute, a count reads no events.
      markMoved(tx, System.currentTimeMillis() - 2 * BehaviourFacts.STRAGGLER_MS);
      long[] counted = new long[1];
      double[] ms = time(runs, () -> counted[0] = audience.count(rule, asOf));
      count = counted[0];
      report("segments (in memory), quiet database", count, ms);
      // Right after an ingest (the mark moved within the minute) a count re-reads the last
      // 20,000 events first, in case a transaction numbered below the mark commits late.
      double[] afterIngest =
          time(
              runs,
              () -> {
                markMoved(tx, System.currentTimeMillis());
                audience.count(rule, asOf);
              });
      report("segments (in memory), within a minute of an ingest", count, afterIngest);
      markMoved(tx, System.currentTimeMillis() - 2 * BehaviourFacts.STRAGGLER_MS);
      long[] previewed = new long[1];
      double[] previewMs = time(runs, () -> previewed[0] = audience.preview(rule, asOf).count());
      report("segment preview (in memory: count, RFM split, 20 named)", previewed[0], previewMs);

      double[] sqlMs = new double[runs];
      long bySql = 0;
      for (int i = -1; i < runs; i++) {
        long t = System.nanoTime();
        bySql = audience.countBySql(rule, asOf);
        if (i >= 0) {
          sqlMs[i] = (System.nanoTime() - t) / 1e6;
        }
      }
      Arrays.sort(sqlMs);
      System.out.printf(
          "segments (compiled SQL on the facts): count %d, median %.1f ms, p90 %.1f ms (%d runs)%n",
          bySql, sqlMs[runs / 2], sqlMs[(int) (runs * 0.9)], runs);

      double[] base = new double[baselineRuns];
      long naive = 0;
      for (int i = 0; i < baselineRuns; i++) {
        long t = System.nanoTime();
        naive = tx.executeRead(s -> NaiveSegmentSql.count(s.getConnection(), r, asOf));
        base[i] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(base);
      System.out.printf(
          "naive SQL: count %d, median %.1f ms, min %.1f, max %.1f (%d runs)%n",
          naive, base[baselineRuns / 2], base[0], base[baselineRuns - 1], baselineRuns);
      System.out.printf(
          "ratio naive / segments (medians): %.1f%n", base[baselineRuns / 2] / ms[runs / 2]);
      if (naive != count || bySql != count) {
        System.out.println("MISMATCH: the two counts differ");
        return 1;
      }
      return 0;
    }
  }

  /** Times {@code runs} calls of {@code work} after 3 warm-up calls; milliseconds, sorted. */
  private static double[] time(int runs, Runnable work) {
    double[] ms = new double[runs];
    for (int i = -3; i < runs; i++) {
      long t = System.nanoTime();
      work.run();
      if (i >= 0) {
        ms[i] = (System.nanoTime() - t) / 1e6;
      }
    }
    Arrays.sort(ms);
    return ms;
  }

  private static void report(String what, long count, double[] ms) {
    System.out.printf(
        "%s: count %d, median %.1f ms, p90 %.1f ms, min %.1f, max %.1f (%d runs)%n",
        what,
        count,
        ms[ms.length / 2],
        ms[(int) (ms.length * 0.9)],
        ms[0],
        ms[ms.length - 1],
        ms.length);
  }

  /** Sets when the behaviour facts' high-water mark last moved. */
  private static void markMoved(TransactionOperations<Connection> tx, long at) {
    tx.executeWrite(
        s -> {
          try (PreparedStatement ps =
              s.getConnection()
                  .prepareStatement(
                      "UPDATE segment_facts_progress SET updated_at = ? WHERE id = 1")) {
            ps.setLong(1, at);
            return ps.executeUpdate();
          }
        });
  }

  /** The top-level category with the most products, so that the behaviour rule selects many. */
  private static String topCategory(TransactionOperations<Connection> tx) {
    return tx.executeRead(
        s -> {
          Map<String, Integer> counts = new HashMap<>();
          try (PreparedStatement ps =
                  s.getConnection().prepareStatement("SELECT category_path FROM products");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String path = rs.getString(1);
              if (path != null) {
                counts.merge(path.split("/")[0], 1, Integer::sum);
              }
            }
          }
          return counts.entrySet().stream()
              .max(Map.Entry.comparingByValue())
              .orElseThrow()
              .getKey();
        });
  }

  private static long single(TransactionOperations<Connection> tx, String sql) {
    return tx.executeRead(
        s -> {
          try (PreparedStatement ps = s.getConnection().prepareStatement(sql);
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
