package io.affinity.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sustained ingest through {@code POST /api/events}: sends batches from several client threads and
 * reports events per second, then, as the baseline of the same run, writes the same number of rows
 * straight into a copy of the events table with plain JDBC multi-row inserts. The ratio says what
 * the API (HTTP, JSON, validation, id resolution, idempotence) costs over the database.
 */
@Command(name = "ingest-load", mixinStandardHelpOptions = true)
public class IngestLoad implements Callable<Integer> {
  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080")
  String url;

  @Option(names = "--key", required = true, description = "an API key with the ingest scope")
  String key;

  @Option(names = "--events", defaultValue = "1000000")
  int events;

  @Option(names = "--batch", defaultValue = "10000")
  int batch;

  @Option(names = "--threads", defaultValue = "2")
  int threads;

  @Option(names = "--customers", defaultValue = "100000")
  int customers;

  @Option(names = "--products", defaultValue = "10000")
  int products;

  @Option(names = "--warmup-batches", defaultValue = "10")
  int warmupBatches;

  @Option(names = "--baseline-jdbc", description = "JDBC URL of the database for the baseline")
  String baselineJdbc;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  public static void main(String[] args) {
    System.exit(new CommandLine(new IngestLoad()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    String run = Long.toString(System.currentTimeMillis(), 36);
    int batches = events / batch;
    System.out.printf("Preparing %d batches of %d events...%n", batches + warmupBatches, batch);
    List<byte[]> bodies = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(seed);
    for (int b = 0; b < batches + warmupBatches; b++) {
      bodies.add(body(run, b, random));
    }
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    System.out.printf("Warm-up: %d batches%n", warmupBatches);
    for (int b = 0; b < warmupBatches; b++) {
      send(client, bodies.get(b));
    }
    AtomicInteger next = new AtomicInteger(warmupBatches);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      results.add(
          pool.submit(
              () -> {
                int sent = 0;
                for (int b = next.getAndIncrement();
                    b < bodies.size();
                    b = next.getAndIncrement()) {
                  send(client, bodies.get(b));
                  sent += batch;
                }
                return sent;
              }));
    }
    long sent = 0;
    for (Future<Integer> f : results) {
      sent += f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    double apiRate = sent / seconds;
    System.out.printf(
        "API: %,d events in %.1f s = %,.0f events/s (%d threads, batches of %d)%n",
        sent, seconds, apiRate, threads, batch);

    if (baselineJdbc != null) {
      double jdbcRate = baseline(sent, random);
      System.out.printf(
          "Baseline, plain JDBC into a copy of the table: %,.0f events/s%n", jdbcRate);
      System.out.printf("Ratio API / plain JDBC: %.2f%n", apiRate / jdbcRate);
    }
    return 0;
  }

  private void send(HttpClient client, byte[] body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/api/events"))
            .header("Content-Type", "application/json")
            .header("X-API-Key", key)
            .timeout(Duration.ofSeconds(120))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
    }
  }

  private static final String[] TYPES = {"view", "view", "view", "add_to_cart", "purchase"};

  private byte[] body(String run, int b, SplittableRandom random) {
    StringBuilder s = new StringBuilder(batch * 200).append('[');
    long base = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    for (int i = 0; i < batch; i++) {
      String type = TYPES[random.nextInt(TYPES.length)];
      if (i > 0) {
        s.append(',');
      }
      s.append("{\"eventId\":\"load-")
          .append(run)
          .append('-')
          .append(b)
          .append('-')
          .append(i)
          .append("\",\"type\":\"")
          .append(type)
          .append("\",\"customerId\":\"lc-")
          .append(random.nextInt(customers))
          .append("\",\"productId\":\"lp-")
          .append(random.nextInt(products))
          .append('"');
      if (type.equals("purchase")) {
        s.append(",\"orderId\":\"lo-")
            .append(run)
            .append('-')
            .append(b)
            .append('-')
            .append(i / 4)
            .append("\",\"quantity\":")
            .append(1 + random.nextInt(3))
            .append(",\"unitPrice\":")
            .append(price(100 + random.nextInt(5000)));
      }
      s.append(",\"time\":\"")
          .append(Instant.ofEpochMilli(base + random.nextLong(300L * 86_400_000L)))
          .append("\",\"source\":\"load\"}");
    }
    return s.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String price(int cents) {
    return cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100;
  }

  /** Plain JDBC multi-row inserts of {@code rows} events into a scratch copy of the table. */
  private double baseline(long rows, SplittableRandom random) throws Exception {
    try (Connection c = DriverManager.getConnection(baselineJdbc)) {
      try (Statement st = c.createStatement()) {
        st.execute("DROP TABLE IF EXISTS bench_events");
        st.execute("CREATE TABLE bench_events LIKE events");
      }
    }
    int perStatement = 1000;
    StringBuilder sql =
        new StringBuilder(
            "INSERT IGNORE INTO bench_events (client_event_id, customer_id, product_id, type,"
                + " order_id, quantity, unit_price, occurred_at, campaign_id, source, received_at) VALUES ");
    for (int i = 0; i < perStatement; i++) {
      sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?,?)");
    }
    AtomicInteger next = new AtomicInteger();
    long statements = rows / perStatement;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long threadSeed = random.nextLong();
      futures.add(
          pool.submit(
              () -> {
                SplittableRandom r = new SplittableRandom(threadSeed);
                try (Connection c = DriverManager.getConnection(baselineJdbc);
                    PreparedStatement ps = c.prepareStatement(sql.toString())) {
                  c.setAutoCommit(false);
                  for (int s = next.getAndIncrement(); s < statements; s = next.getAndIncrement()) {
                    int p = 1;
                    for (int i = 0; i < perStatement; i++) {
                      ps.setString(p++, "base-" + s + "-" + i);
                      ps.setLong(p++, r.nextInt(customers));
                      ps.setLong(p++, r.nextInt(products));
                      ps.setString(p++, TYPES[r.nextInt(TYPES.length)]);
                      ps.setString(p++, null);
                      ps.setObject(p++, null);
                      ps.setObject(p++, null);
                      ps.setLong(p++, r.nextLong(1_700_000_000_000L));
                      ps.setObject(p++, null);
                      ps.setString(p++, "load");
                      ps.setLong(p++, System.currentTimeMillis());
                    }
                    ps.executeUpdate();
                    if (s % (batch / perStatement) == 0) {
                      c.commit(); // commit per API-sized batch, as the service does
                    }
                  }
                  c.commit();
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    try (Connection c = DriverManager.getConnection(baselineJdbc);
        Statement st = c.createStatement()) {
      st.execute("DROP TABLE bench_events");
    }
    return statements * perStatement / seconds;
  }
}
