package io.affinity.bench.campaign;

import io.affinity.campaigns.campaign.CampaignInput;
import io.affinity.campaigns.campaign.CampaignService;
import io.affinity.campaigns.campaign.CampaignStatus;
import io.affinity.campaigns.campaign.CampaignView;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.compose.ComposedMessage;
import io.affinity.campaigns.delivery.DeliveryEngine;
import io.affinity.campaigns.delivery.MailConfiguration;
import io.affinity.campaigns.delivery.MimeMessages;
import io.affinity.campaigns.delivery.SendOutcome;
import io.affinity.campaigns.delivery.SmtpConnections;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.recommender.model.ModelTrainer;
import io.micronaut.context.ApplicationContext;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sends one campaign of personalised e-mails (the shipped newsletter: each message with the
 * customer's own recommendations from a model trained on a synthetic shop) through the delivery
 * engine (claims, send-time checks, rendering, MIME, pooled SMTP, outcome records) to a local SMTP
 * server, and, in the same run, a baseline: pre-built messages handed to the same server over the
 * same number of connections with no database and no rendering. Prints both rates and their ratio.
 */
@Command(name = "campaign-send", mixinStandardHelpOptions = true)
public final class CampaignSendBench implements java.util.concurrent.Callable<Integer> {
  @Option(names = "--recipients", description = "Recipients of the campaign (default 100000).")
  int recipients = 100_000;

  @Option(names = "--baseline", description = "Messages of the raw SMTP baseline (default 20000).")
  int baseline = 20_000;

  @Option(names = "--products", description = "Products of the synthetic shop (default 10000).")
  int products = 10_000;

  @Option(names = "--events", description = "Events of the synthetic shop (default 2000000).")
  long events = 2_000_000;

  @Option(names = "--db", description = "h2 (a scratch file) or mariadb (127.0.0.1, root).")
  String db = "h2";

  @Option(names = "--smtp-port", description = "Port of the SMTP server on 127.0.0.1.")
  int port = 2525;

  @Option(
      names = "--pool",
      description = "SMTP connections and sending threads (default: the service's, 4).")
  int pool = MailConfiguration.DEFAULT_POOL_SIZE;

  @Option(names = "--batch", description = "Recipients per claim (default 200).")
  int batch = 200;

  public static void main(String[] args) {
    System.exit(new CommandLine(new CampaignSendBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("campaign-bench");
    try (ApplicationContext ctx =
        ApplicationContext.builder().properties(properties(dir)).start()) {
      Transactions tx = ctx.getBean(Transactions.class);
      CampaignService campaigns = ctx.getBean(CampaignService.class);
      String run = "cb" + System.currentTimeMillis();
      long t0 = System.nanoTime();
      long snapshot = audience(ctx, tx, run);
      long t1 = System.nanoTime();
      long newsletter =
          ctx.getBean(TemplateService.class).idOfKey("recommendations-newsletter").orElseThrow();
      CampaignView c = campaigns.create(input(snapshot, run, newsletter));
      campaigns.launch(c.id());
      long t2 = System.nanoTime();
      long cpu0 = processCpuNanos();
      DeliveryEngine engine = ctx.getBean(DeliveryEngine.class);
      if (!engine.start()) {
        throw new IllegalStateException("delivery did not start");
      }
      // Polls the status only (cheap); the full progress once at the end.
      while (campaigns.campaign(c.id()).orElseThrow().status() != CampaignStatus.FINISHED) {
        Thread.sleep(100);
      }
      CampaignView v = campaigns.find(c.id());
      long t3 = System.nanoTime();
      long cpu = processCpuNanos() - cpu0;
      engine.stop();
      double sendSeconds = (t3 - t2) / 1e9;
      long sent = v.progress().states().get("sent");
      double rate = sent / sendSeconds;
      System.out.printf(
          "audience: shop of %d customers loaded, model trained, snapshot in %.1f s;"
              + " launch (recipient rows) %.1f s%n",
          recipients, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
      System.out.printf(
          "campaign: %d sent (%s) in %.1f s = %.0f messages/s; launch + send %.1f s%n",
          sent, v.progress().states(), sendSeconds, rate, (t3 - t1) / 1e9);
      // CPU per message is steadier than the wall time on a shared machine.
      System.out.printf(
          "campaign CPU (this JVM, all threads): %.1f s = %.2f ms per message%n",
          cpu / 1e9, cpu / 1e6 / Math.max(1, sent));
      double raw = baseline(ctx.getBean(MailConfiguration.class));
      System.out.printf(
          "baseline: %d pre-built messages, no database: %.0f messages/s; campaign/baseline = %.2f%n",
          baseline, raw, rate / raw);
      return sent == recipients ? 0 : 1;
    }
  }

  private Map<String, Object> properties(Path dir) {
    Map<String, Object> p = new HashMap<>();
    if (db.equals("mariadb")) {
      p.put(
          "datasources.default.url",
          "jdbc:mysql://127.0.0.1:3306/affinity_campaign_bench?createDatabaseIfNotExist=true"
              + "&useSSL=false&allowPublicKeyRetrieval=true&useServerPrepStmts=true"
              + "&cachePrepStmts=true&prepStmtCacheSqlLimit=1000000");
      p.put("datasources.default.driver-class-name", "com.mysql.cj.jdbc.Driver");
      p.put("datasources.default.username", "root");
    } else {
      p.put(
          "datasources.default.url",
          "jdbc:h2:file:" + dir.resolve("db") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE");
      p.put("datasources.default.driver-class-name", "org.h2.Driver");
      p.put("datasources.default.username", "sa");
    }
    p.put("datasources.default.password", "");
    p.put("datasources.default.maximum-pool-size", pool + 4);
    p.put("affinity.data-dir", dir.toString());
    // Loading the shop marks its customers' metrics stale; their refresh is not what is measured.
    p.put("affinity.value.incremental", false);
    p.put("affinity.mail.host", "127.0.0.1");
    p.put("affinity.mail.port", port);
    p.put("affinity.mail.pool-size", pool);
    p.put("affinity.mail.batch-size", batch);
    p.put("affinity.mail.rate-per-second", 1_000_000);
    p.put("affinity.mail.poll-interval", "100ms");
    return p;
  }

  /**
   * Loads a synthetic shop of {@code recipients} customers (with {@code events} events over {@code
   * products} products), trains a model on it, gives every customer consent (a campaign sends to
   * consenting customers only, and the benchmark wants them all), and freezes all of them into a
   * snapshot; returns the snapshot's id.
   */
  private long audience(ApplicationContext ctx, Transactions tx, String run) {
    ShopSpec spec = ShopSpec.of(recipients, products, events, 7).withIdPrefix(run + "-");
    ctx.getBean(SyntheticShopLoader.class).load(spec, ProgressListener.NONE);
    ctx.getBean(ModelTrainer.class).train(ProgressListener.NONE);
    long now = System.currentTimeMillis();
    return tx.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE customers SET email_consent = TRUE WHERE external_id LIKE ?")) {
            ps.setString(1, run + "-%");
            ps.executeUpdate();
          }
          long id;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO segment_snapshots (segment_id, segment_version, size, created_at)"
                      + " VALUES (0, 1, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setInt(1, recipients);
            ps.setLong(2, now);
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
              k.next();
              id = k.getLong(1);
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO segment_snapshot_members (snapshot_id, customer_id)"
                      + " SELECT ?, id FROM customers WHERE external_id LIKE ?")) {
            ps.setLong(1, id);
            ps.setString(2, run + "-%");
            ps.executeUpdate();
          }
          return id;
        });
  }

  private static CampaignInput input(long snapshot, String run, long template) {
    return new CampaignInput(
        "bench " + run,
        snapshot,
        null,
        "shop@bench.example",
        "Bench Shop",
        List.of(new CampaignInput.VariantInput("A", template, 1)),
        BigDecimal.ZERO,
        false,
        7,
        null,
        null,
        1L);
  }

  /** The CPU time of this JVM so far (all threads, GC and compiler included). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Raw SMTP: pre-built messages of the same size over the same connections; messages/s. */
  private double baseline(MailConfiguration config) throws Exception {
    try (SmtpConnections smtp = new SmtpConnections(config)) {
      String html = "<html><body>" + "x".repeat(1500) + "</body></html>";
      List<MimeMessage> messages = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        messages.add(
            MimeMessages.build(
                smtp.session(),
                "shop@bench.example",
                "Bench Shop",
                new ComposedMessage(
                    "raw" + i + "@bench.example",
                    "Raw " + i,
                    "Hello",
                    html,
                    "x".repeat(600),
                    "https://shop.example/u/" + i),
                "<raw" + i + "@bench.example>"));
      }
      AtomicInteger next = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      ExecutorService threads = Executors.newFixedThreadPool(pool);
      long t0 = System.nanoTime();
      for (int t = 0; t < pool; t++) {
        threads.submit(
            () -> {
              int i;
              while ((i = next.getAndIncrement()) < baseline) {
                try {
                  if (smtp.send(messages.get(i % messages.size())).kind()
                      != SendOutcome.Kind.ACCEPTED) {
                    failed.incrementAndGet();
                  }
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
      }
      threads.shutdown();
      threads.awaitTermination(10, TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (failed.get() > 0) {
        System.out.println("baseline: " + failed.get() + " messages not accepted");
      }
      return baseline / seconds;
    }
  }
}
