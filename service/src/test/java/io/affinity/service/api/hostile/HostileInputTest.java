package io.affinity.service.api.hostile;

import static io.affinity.service.api.TestApi.ADMIN;
import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static io.affinity.service.api.TestApi.RECOMMEND;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.recommender.model.ModelTrainer;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi;
import io.affinity.service.api.TestApi.Reply;
import io.affinity.service.api.recommendations.RulesParser;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Generated hostile requests (seeded, so a failure can be replayed with {@code
 * -Daffinity.hostile.seed=N}) against every write endpoint's JSON and every recommendation and
 * offer endpoint's parameters: no answer is a 5xx, every 4xx is a problem document without a Java
 * class name, and a rejected request has written no row (counted by this run's id prefix).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "affinity.api-keys.test-hostile-webhook.key", value = HostileInputTest.WEBHOOK)
@Property(name = "affinity.api-keys.test-hostile-webhook.scopes", value = "webhook")
class HostileInputTest extends ApiTestBase implements TestPropertyProvider {
  static final String WEBHOOK = "test-hostile-webhook-0001";

  /**
   * Attempts per endpoint: about 1,200 requests over the endpoints below; more for a deeper local
   * run with {@code -Daffinity.hostile.per-endpoint=N}.
   */
  private static final int PER_ENDPOINT = Integer.getInteger("affinity.hostile.per-endpoint", 40);

  private static final Pattern JAVA_NAME =
      Pattern.compile(
          "\\b(?:java|javax|jakarta|io\\.micronaut|io\\.affinity|com\\.fasterxml|org\\.h2|freemarker)"
              + "\\.[a-z]|Exception\\b|\\bat [a-z]+\\.[a-z]+\\.|\\.java:\\d");

  private final int smtpPort = freePort();
  private final GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));

  @Inject SyntheticShopLoader shops;
  @Inject ModelTrainer trainer;
  @Inject Transactions tx;

  private final String prefix = "hx" + UUID.randomUUID().toString().substring(0, 6) + "-";
  private String customer;
  private String household;
  private String product;
  private String product2;
  private long template;
  private long segment;
  private long campaign;
  private long external;
  private final List<String> failures = new ArrayList<>();
  private final Map<String, Integer> statuses = new java.util.TreeMap<>();

  HostileInputTest() {
    smtp.start();
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "affinity.mail.host", "127.0.0.1",
        "affinity.mail.port", String.valueOf(smtpPort),
        "affinity.mail.sender.address", "hostile@shop.example");
  }

  @AfterAll
  void stopSmtp() {
    smtp.stop();
  }

  /** A small trained shop, and a template, a segment, a campaign and an external campaign. */
  @BeforeAll
  void fixtures() {
    api = new TestApi(client, json);
    shops.load(ShopSpec.of(120, 40, 3_000, 3).withIdPrefix(prefix + "s-"), ProgressListener.NONE);
    trainer.train(ProgressListener.NONE);
    customer = first("SELECT external_id FROM customers WHERE external_id LIKE ? ORDER BY id");
    product = first("SELECT external_id FROM products WHERE external_id LIKE ? ORDER BY id");
    product2 = first("SELECT external_id FROM products WHERE external_id LIKE ? ORDER BY id DESC");
    household = first("SELECT external_id FROM households WHERE external_id LIKE ? ORDER BY id");
    template = created("/api/templates", templateBody(0));
    segment = created("/api/segments", segmentBody(0));
    campaign = created("/api/campaigns", campaignBody(0));
    external = created("/api/campaigns/external", externalBody(0));
  }

  @Test
  void hostileBodiesAndParametersGetNoServerErrorAndWriteNothingWhenRefused() {
    long seed = Long.getLong("affinity.hostile.seed", new Random().nextLong());
    Random random = new Random(seed);
    JsonMutator bodies = new JsonMutator(random);
    QueryMutator queries = new QueryMutator(random);
    long start = System.nanoTime();
    int sent = 0;
    for (Target t : targets()) {
      for (int i = 1; i <= PER_ENDPOINT; i++) {
        Hostile hostile;
        String path = t.path();
        if (t.valid() == null) {
          hostile = queries.mutate(t.parameters());
          path = weirdId(random, path) + new String(hostile.body(), StandardCharsets.UTF_8);
        } else if (t.contentType().equals("text/csv")) {
          hostile = csv(random, i);
        } else {
          hostile = bodies.mutate(t.valid().apply(i), t.batch());
          if (!t.parameters().isEmpty() && random.nextInt(4) == 0) {
            path += new String(queries.mutate(t.parameters()).body(), StandardCharsets.UTF_8);
          }
        }
        if (send(t, path, hostile)) {
          sent++;
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "HostileInputTest: %d hostile requests in %.1f s (seed %d)%n%s%n",
        sent, seconds, seed, statuses);
    assertThat(sent).as("hostile requests sent").isGreaterThanOrEqualTo(1_000);
    assertThat(failures)
        .as(
            "%d of %d hostile requests went wrong (replay: -Daffinity.hostile.seed=%d)",
            failures.size(), sent, seed)
        .isEmpty();
  }

  /** Sends one request and records what went wrong; false when the client could not send it. */
  private boolean send(Target t, String path, Hostile hostile) {
    long before = t.rows() == null ? 0 : t.rows().getAsLong();
    MutableHttpRequest<?> request;
    try {
      request =
          switch (t.method()) {
            case "GET" -> HttpRequest.GET(path);
            case "PUT" -> HttpRequest.PUT(path, hostile.body()).contentType(t.contentType());
            default -> HttpRequest.POST(path, hostile.body()).contentType(t.contentType());
          };
    } catch (IllegalArgumentException e) {
      return false; // not a URI the client can send; nothing reached the server
    }
    Reply reply;
    try {
      reply = api.send(request, t.key());
    } catch (IllegalArgumentException e) {
      return false; // the client refused the URI; nothing reached the server
    } catch (HttpClientException e) {
      failures.add(t.name() + " " + hostile.label() + " -> no answer: " + e.getMessage());
      return true;
    }
    if (t.name().equals("trigger") && reply.status() == 201) {
      // A generated trigger must not fire on other tests' purchases for the rest of the run.
      api.post("/api/triggers/" + reply.json().get("id") + "/pause", "", MARKETING);
    }
    String where = t.name() + " " + hostile.label();
    statuses.merge(t.name() + " " + reply.status(), 1, Integer::sum);
    String text = String.valueOf(reply.body());
    if (reply.status() >= 500) {
      failures.add(where + " -> " + reply.status() + " " + JsonMutator.shorten(text));
    } else if (reply.status() >= 400) {
      if (!reply.contentType().startsWith("application/problem+json")) {
        failures.add(where + " -> " + reply.status() + " as " + reply.contentType());
      }
      if (JAVA_NAME.matcher(text).find()) {
        failures.add(where + " -> names Java internals: " + text);
      }
      if (t.rows() != null && t.rows().getAsLong() != before) {
        failures.add(where + " -> " + reply.status() + " but rows were written");
      }
    }
    return true;
  }

  private List<Target> targets() {
    List<Target> t = new ArrayList<>();
    String json = "application/json";
    // Every rule parameter the API takes, in a fixed order so that a seed replays the same run.
    List<String> rules = new ArrayList<>(new TreeSet<>(RulesParser.RULE_PARAMETERS));
    List<String> none = List.of();
    t.add(
        write(
            "customer",
            "PUT",
            "/api/customers/" + prefix + "c",
            INGEST,
            this::customerBody,
            false,
            () -> count("customers", "external_id")));
    t.add(
        write(
            "customer batch",
            "POST",
            "/api/customers/batch",
            INGEST,
            i ->
                "["
                    + customerBody(i).replaceFirst("\\{", "{\"id\":\"" + prefix + "b" + i + "-1\",")
                    + ","
                    + customerBody(i).replaceFirst("\\{", "{\"id\":\"" + prefix + "b" + i + "-2\",")
                    + "]",
            true,
            () -> count("customers", "external_id") + count("households", "external_id")));
    t.add(
        write(
            "household",
            "PUT",
            "/api/households/" + prefix + "h",
            INGEST,
            i -> householdBody(i, false),
            false,
            () -> count("households", "external_id")));
    t.add(
        write(
            "household batch",
            "POST",
            "/api/households/batch",
            INGEST,
            i -> "[" + householdBody(i, true) + "," + householdBody(i + 100_000, true) + "]",
            true,
            () -> count("households", "external_id")));
    t.add(
        write(
            "product",
            "PUT",
            "/api/products/" + prefix + "p",
            INGEST,
            i -> productBody(i, false),
            false,
            () -> count("products", "external_id")));
    t.add(
        write(
            "product batch",
            "POST",
            "/api/products/batch",
            INGEST,
            i -> "[" + productBody(i, true) + "," + productBody(i + 100_000, true) + "]",
            true,
            () -> count("products", "external_id")));
    t.add(
        write(
            "event", "POST", "/api/events", INGEST, i -> eventBody(i, 0), false, this::eventRows));
    t.add(
        write(
            "event batch",
            "POST",
            "/api/events",
            INGEST,
            i -> "[" + eventBody(i, 0) + "," + eventBody(i, 1) + "," + eventBody(i, 2) + "]",
            true,
            this::eventRows));
    t.add(
        write(
            "segment",
            "POST",
            "/api/segments",
            MARKETING,
            this::segmentBody,
            false,
            this::segmentRows));
    t.add(
        write(
            "segment update",
            "PUT",
            "/api/segments/" + segment,
            MARKETING,
            this::segmentBody,
            false,
            null));
    t.add(
        write(
            "segment preview",
            "POST",
            "/api/segments/preview",
            MARKETING,
            this::segmentBody,
            false,
            null));
    t.add(
        write(
            "template",
            "POST",
            "/api/templates",
            MARKETING,
            this::templateBody,
            false,
            () -> count("templates", "template_key")));
    t.add(
        write(
            "template update",
            "PUT",
            "/api/templates/" + template,
            MARKETING,
            this::templateBody,
            false,
            null));
    t.add(
        write(
            "template preview",
            "POST",
            "/api/templates/" + template + "/preview",
            MARKETING,
            i -> "{\"customerId\":\"" + customer + "\",\"version\":1}",
            false,
            null));
    t.add(
        write(
            "template test send",
            "POST",
            "/api/templates/" + template + "/test-sends",
            MARKETING,
            i -> testSendBody(i, false),
            false,
            null));
    t.add(
        write(
            "campaign",
            "POST",
            "/api/campaigns",
            MARKETING,
            this::campaignBody,
            false,
            () -> count("campaigns", "name")));
    t.add(
        write(
            "campaign test send",
            "POST",
            "/api/campaigns/" + campaign + "/test-sends",
            MARKETING,
            i -> testSendBody(i, true),
            false,
            null));
    t.add(
        write(
            "ambiguous resend",
            "POST",
            "/api/campaigns/" + campaign + "/ambiguous/resend",
            MARKETING,
            i -> "{\"confirm\":true,\"recipientIds\":[" + (i + 1) + "]}",
            false,
            null));
    t.add(
        write(
            "ambiguous settle",
            "POST",
            "/api/campaigns/" + campaign + "/ambiguous/settle",
            MARKETING,
            i -> "{\"recipientIds\":[" + (i + 1) + "]}",
            false,
            null));
    t.add(
        write(
            "external campaign",
            "POST",
            "/api/campaigns/external",
            MARKETING,
            this::externalBody,
            false,
            () -> count("campaigns", "name")));
    t.add(
        new Target(
            "external recipients",
            "POST",
            "/api/campaigns/" + external + "/recipients",
            MARKETING,
            "text/csv",
            i -> "",
            true,
            this::externalRecipients,
            none));
    t.add(
        write(
            "trigger",
            "POST",
            "/api/triggers",
            MARKETING,
            this::triggerBody,
            false,
            () -> count("triggers", "name")));
    t.add(
        write(
            "deliverability webhook",
            "POST",
            "/api/deliverability/events",
            WEBHOOK,
            i -> "[" + bounceBody(i, 1) + "," + bounceBody(i, 2) + "]",
            true,
            () -> count("delivery_reports", "provider_event_id")));
    t.add(
        write(
            "admin consent",
            "POST",
            "/api/customers/" + customer + "/consent",
            ADMIN,
            i -> "{\"emailConsent\":true,\"topic\":\"offers\",\"reason\":\"ticket " + i + "\"}",
            false,
            null));
    t.add(
        new Target(
            "recommendation basket",
            "POST",
            "/api/recommendations/basket",
            RECOMMEND,
            json,
            this::basketBody,
            false,
            null,
            rules));
    t.add(
        new Target(
            "offer basket",
            "POST",
            "/api/offers/basket",
            RECOMMEND,
            json,
            this::basketBody,
            false,
            null,
            plus(rules, "minRatio", "maxRatio")));
    t.add(
        new Target(
            "recommendation session",
            "POST",
            "/api/recommendations/session",
            RECOMMEND,
            json,
            this::sessionBody,
            false,
            null,
            rules));
    t.add(
        new Target(
            "offer impressions",
            "POST",
            "/api/offers/impressions",
            RECOMMEND,
            json,
            this::impressionBody,
            false,
            this::impressionRows,
            List.of()));
    t.add(query("/api/recommendations/popular", rules));
    t.add(query("/api/recommendations/customers/" + customer, plus(rules, "scope")));
    t.add(query("/api/recommendations/households/" + household, rules));
    t.add(query("/api/recommendations/customers/" + customer + "/buy-again", plus(rules, "at")));
    t.add(query("/api/recommendations/items/" + product + "/similar", rules));
    t.add(query("/api/offers/customers/" + customer, plus(rules, "minRatio", "maxRatio")));
    t.add(query("/api/offers/items/" + product, plus(rules, "minRatio", "maxRatio")));
    return t;
  }

  private static Target write(
      String name,
      String method,
      String path,
      String key,
      IntFunction<String> valid,
      boolean batch,
      java.util.function.LongSupplier rows) {
    return new Target(name, method, path, key, "application/json", valid, batch, rows, List.of());
  }

  private static Target query(String path, List<String> parameters) {
    return new Target("GET " + path, "GET", path, RECOMMEND, null, null, false, null, parameters);
  }

  private static List<String> plus(List<String> list, String... more) {
    List<String> all = new ArrayList<>(list);
    all.addAll(List.of(more));
    return all;
  }

  // --- valid bodies; every id starts with this run's prefix

  private String customerBody(int i) {
    return "{\"email\":\""
        + prefix
        + i
        + "@shop.example\",\"name\":\"Ann "
        + i
        + "\",\"householdId\":\""
        + prefix
        + "ch"
        + i
        + "\",\"emailConsent\":true,"
        + "\"consentSource\":\"signup\",\"consentAt\":\"2024-05-01T10:00:00Z\","
        + "\"preferredChannel\":\"email\",\"address\":\"1 High St\",\"postcode\":\"AB1 2CD\","
        + "\"country\":\"UK\",\"attributes\":{\"tier\":\"gold\",\"tags\":[\"a\",\"b\"]}}";
  }

  private String householdBody(int i, boolean withId) {
    return "{"
        + (withId ? "\"id\":\"" + prefix + "hb" + i + "\"," : "")
        + "\"name\":\"The "
        + i
        + "s\",\"address\":\"2 Low St\",\"postcode\":\"AB1\","
        + "\"country\":\"UK\",\"attributes\":{\"size\":3}}";
  }

  private String productBody(int i, boolean withId) {
    return "{"
        + (withId ? "\"id\":\"" + prefix + "pb" + i + "\"," : "")
        + "\"name\":\"Teapot "
        + i
        + "\",\"categoryPath\":\"Home/Kitchen\",\"brand\":\"Acme\","
        + "\"price\":19.99,\"cost\":7.5,\"inStock\":true,\"url\":\"https://shop.example/p/"
        + i
        + "\",\"imageUrl\":\"https://shop.example/p/"
        + i
        + ".jpg\",\"attributes\":{\"colour\":\"red\"}}";
  }

  private String eventBody(int i, int line) {
    return "{\"eventId\":\""
        + prefix
        + "e"
        + i
        + "-"
        + line
        + "\",\"type\":\"purchase\","
        + "\"customerId\":\""
        + prefix
        + "ec"
        + i
        + "\",\"productId\":\""
        + product
        + "\","
        + "\"orderId\":\"o"
        + i
        + "\",\"quantity\":2,\"unitPrice\":9.99,"
        + "\"time\":\"2024-05-01T10:00:00Z\",\"campaignId\":"
        + external
        + ",\"source\":\"web\"}";
  }

  private String segmentBody(int i) {
    return "{\"name\":\""
        + prefix
        + "segment "
        + i
        + "\",\"description\":\"hostile\",\"rules\":"
        + "{\"all\":[{\"field\":\"country\",\"op\":\"=\",\"value\":\""
        + prefix
        + "\"},"
        + "{\"any\":[{\"field\":\"email_consent\",\"op\":\"=\",\"value\":true}]}]}}";
  }

  private String templateBody(int i) {
    return "{\"key\":\""
        + prefix
        + "t"
        + i
        + "\",\"name\":\"Hostile "
        + i
        + "\","
        + "\"subject\":\"Hi ${customer.name!\\\"you\\\"}\",\"html\":\"<p>Hello</p>\","
        + "\"text\":\"Hello\"}";
  }

  private String campaignBody(int i) {
    return "{\"name\":\""
        + prefix
        + "campaign "
        + i
        + "\",\"segmentId\":"
        + segment
        + ",\"fromAddress\":\"shop@shop.example\",\"fromName\":\"Shop\",\"variants\":"
        + "[{\"name\":\"A\",\"templateId\":"
        + template
        + ",\"weight\":1}],"
        + "\"controlPercent\":10,\"householdAssignment\":false,\"attributionDays\":14,"
        + "\"sendRatePerSecond\":5,\"assignmentSeed\":42}";
  }

  private String externalBody(int i) {
    return "{\"name\":\""
        + prefix
        + "external "
        + i
        + "\",\"startedAt\":\"2024-04-01T08:00:00Z\","
        + "\"attributionDays\":14,\"variants\":[\"A\",\"B\"]}";
  }

  private String triggerBody(int i) {
    return "{\"name\":\""
        + prefix
        + "trigger "
        + i
        + "\",\"categoryPrefix\":\"Nothing"
        + prefix
        + "\",\"delayMinutes\":60,\"templateId\":"
        + template
        + ",\"fromAddress\":\"shop@shop.example\",\"fromName\":\"Shop\",\"includeBuyer\":false,"
        + "\"householdCap\":1,\"householdCapDays\":7,\"customerCapDays\":7,\"cooldownHours\":24,"
        + "\"holdoutPercent\":10,\"attributionDays\":14,\"assignmentSeed\":7}";
  }

  private String testSendBody(int i, boolean variant) {
    return "{\"customerId\":\""
        + customer
        + "\",\"to\":\"qa+"
        + i
        + "@qa.example\","
        + (variant ? "\"variant\":\"A\"," : "\"version\":1,")
        + "\"fromAddress\":\"shop@shop.example\",\"fromName\":\"Shop\"}";
  }

  private String bounceBody(int i, int n) {
    return "{\"type\":\"bounce\",\"bounceType\":\"hard\",\"email\":\""
        + prefix
        + i
        + "-"
        + n
        + "@bounce.example\",\"messageId\":\"<"
        + prefix
        + i
        + "@shop.example>\","
        + "\"occurredAt\":\"2024-05-01T10:00:00Z\",\"detail\":\"550 no such user\",\"id\":\""
        + prefix
        + "r"
        + i
        + "-"
        + n
        + "\"}";
  }

  private String sessionBody(int i) {
    return "{\"viewed\":[\""
        + product
        + "\"],\"cart\":[\""
        + product2
        + "\"],\"customerId\":\""
        + customer
        + "\"}";
  }

  private String impressionBody(int i) {
    return "{\"customerId\":\""
        + customer
        + "\",\"items\":[\""
        + product
        + "\"],\"type\":\"cross_sell\",\"impressionId\":\"imp-"
        + i
        + "\"}";
  }

  private long impressionRows() {
    return count("offer_exposures", "customer_id");
  }

  private String basketBody(int i) {
    return "{\"items\":[\""
        + product
        + "\",\""
        + product2
        + "\"],\"customerId\":\""
        + customer
        + "\"}";
  }

  /** A hostile CSV of external recipients: bad headers, arms, ids, encodings and sizes. */
  private Hostile csv(Random random, int i) {
    String good = "customer_id,arm\n" + customer + ",A\n";
    String[] bodies = {
      "",
      "\n",
      "customer_id\n" + customer + "\n",
      "arm,customer_id\nA," + customer + "\n",
      "customer_id,arm\n" + customer + ",Z\n",
      "customer_id,arm\nnobody" + prefix + ",A\n",
      "customer_id,arm\n\"" + customer + ",A\n",
      "customer_id,arm,extra\n" + customer + ",A,1\n",
      "customer_id,arm\n" + "x".repeat(100_000) + ",A\n",
      "customer_id,arm\n\u0000,\u0001\n",
      "customer_id,arm\n" + (customer + ",A\n").repeat(3) + "nobody,B\n",
      "{\"a\":1}",
      "customer_id;arm\n" + customer + ";A\n",
      good + ",\n",
      good.replace("\n", "\r\n"),
      "\uFEFF" + good,
      "customer_id,arm\n" + (",A\n").repeat(20_000)
    };
    String body = bodies[random.nextInt(bodies.length)];
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(6) == 0) {
      bytes = (good + "\u00e9").getBytes(StandardCharsets.ISO_8859_1); // invalid UTF-8
      bytes[bytes.length - 1] = (byte) 0xff;
    }
    return new Hostile("csv " + JsonMutator.shorten(body.replace("\n", "|")), bytes);
  }

  /** Sometimes a path id of the wrong kind: empty-ish, huge, encoded control characters. */
  private String weirdId(Random random, String path) {
    if (random.nextInt(8) != 0) {
      return path;
    }
    String[] ids = {"%00", "%FF", "..%2F..", "x".repeat(3_000), "%20", "a%0Ab", "%E2%80%AE", "0"};
    String head = path.startsWith("/api/offers/") ? "/api/offers/" : "/api/recommendations/";
    String rest = path.substring(head.length());
    String[] parts = rest.split("/");
    if (parts.length < 2) {
      return path; // no id in the path (/api/recommendations/popular)
    }
    parts[1] = ids[random.nextInt(ids.length)];
    return head + String.join("/", parts);
  }

  // --- rows, by this run's prefix

  private long count(String table, String column) {
    return tx.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM " + table + " WHERE " + column + " LIKE ?")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private long eventRows() {
    return count("customers", "external_id")
        + tx.read(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT COUNT(*) FROM events e JOIN customers c ON c.id = e.customer_id"
                          + " WHERE c.external_id LIKE ?")) {
                ps.setString(1, prefix + "%");
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  return rs.getLong(1);
                }
              }
            });
  }

  private long segmentRows() {
    return count("segment_versions", "name");
  }

  private long externalRecipients() {
    return tx.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ?")) {
            ps.setLong(1, external);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private String first(String sql) {
    return tx.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, prefix + "%");
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
              assertThat(rs.next()).as(sql).isTrue();
              return rs.getString(1);
            }
          }
        });
  }

  private long created(String path, String body) {
    Reply reply = api.post(path, body, MARKETING);
    assertThat(reply.status()).as("%s %s", path, reply.body()).isEqualTo(201);
    return ((Number) reply.json().get("id")).longValue();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
