package io.affinity.bench.compose;

import io.affinity.campaigns.compose.ComposedMessage;
import io.affinity.campaigns.compose.Formatters;
import io.affinity.campaigns.compose.MessageComposer;
import io.affinity.campaigns.compose.RecipientContext;
import io.affinity.campaigns.templates.CompiledTemplate;
import io.affinity.campaigns.templates.HtmlToText;
import io.affinity.campaigns.templates.TemplateCache;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.campaigns.templates.TemplatesConfiguration;
import io.affinity.campaigns.tracking.TrackingLinks;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.recommender.model.ModelTrainer;
import io.affinity.recommender.serving.HistoryReader;
import io.affinity.recommender.serving.Recommendation;
import io.affinity.recommender.serving.RecommendationList;
import io.affinity.recommender.serving.Recommender;
import io.affinity.recommender.serving.Rules;
import io.affinity.recommender.training.Signal;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Personalised messages per second: {@link MessageComposer#compose} for campaign recipients of a
 * synthetic shop in the embedded H2 database, as delivery calls it (customer row, history read,
 * recommendations, template render, signed links, text part). The baseline in the same run, {@code
 * recommendOnly}, is the least any personalised message costs: the same customers' history read and
 * recommendation, without the template. Throughput mode; run it with {@code -t 2} to use both
 * cores, as delivery's workers do. {@code renderOnly} isolates what the composer adds: the cached
 * template rendered with a model of the same shape (six recommendations read beforehand), signed
 * links and the generated text part, no database.
 *
 * <pre>
 * ./mvnw -q -DskipTests package -pl bench -am
 * java -Xmx4g -cp "bench/target/affinity-bench.jar:$(cat bench/target/classpath.txt)" \
 *   org.openjdk.jmh.Main ComposeBenchmark -f 1 -t 2 -wi 2 -w 10s -i 3 -r 10s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class ComposeBenchmark {
  @Param("20000")
  int customers;

  @Param("2000")
  int products;

  @Param("400000")
  long events;

  /** A shipped template's key. */
  @Param("recommendations-newsletter")
  String template;

  /** How many recipients the campaign has; the benchmark cycles through them. */
  @Param("5000")
  int recipients;

  /** Customers whose recommendations {@code renderOnly} reads beforehand. */
  private static final int PREREAD = 500;

  private ApplicationContext context;
  private MessageComposer composer;
  private HistoryReader histories;
  private Recommender recommender;
  private final List<RecipientContext> targets = new ArrayList<>();
  private final List<String> externalIds = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final List<List<Recommendation>> preread = new ArrayList<>();
  private CompiledTemplate compiled;
  private TrackingLinks links;
  private Map<String, Object> fmt;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path dir = Files.createTempDirectory("affinity-compose-bench");
    context =
        ApplicationContext.builder()
            .properties(
                Map.of(
                    "affinity.data-dir", dir.toString(),
                    "affinity.templates.defaults-dir", "templates",
                    "micronaut.server.port", "-1"))
            .start();
    long start = System.currentTimeMillis();
    context
        .getBean(SyntheticShopLoader.class)
        .load(ShopSpec.of(customers, products, events, 1), ProgressListener.NONE);
    long loaded = System.currentTimeMillis();
    context.getBean(ModelTrainer.class).train(ProgressListener.NONE);
    System.out.printf(
        "Shop loaded in %.1f s, trained in %.1f s%n",
        (loaded - start) / 1000.0, (System.currentTimeMillis() - loaded) / 1000.0);
    TemplateService templates = context.getBean(TemplateService.class);
    long templateId = templates.idOfKey(template).orElseThrow();
    int version = templates.currentVersion(templateId);
    @SuppressWarnings("unchecked")
    TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
    tx.executeWrite(
        status -> {
          try {
            createCampaign(status.getConnection(), templateId, version);
            return null;
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
    composer = context.getBean(MessageComposer.class);
    histories = context.getBean(HistoryReader.class);
    recommender = context.getBean(Recommender.class);
    compiled = context.getBean(TemplateCache.class).get(templateId, version);
    links = context.getBean(TrackingLinks.class);
    fmt = new Formatters(context.getBean(TemplatesConfiguration.class)).helpers();
    for (int i = 0; i < Math.min(PREREAD, externalIds.size()); i++) {
      preread.add(recommendOnly(externalIds.get(i)).items());
    }
    ComposedMessage sample = composer.compose(targets.get(0));
    System.out.printf(
        "Sample message: subject '%s', %,d characters of HTML, %,d of text%n",
        sample.subject(), sample.html().length(), sample.text().length());
  }

  private void createCampaign(Connection c, long templateId, int version) throws SQLException {
    long campaign;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO campaigns (name, kind, status, control_percent, assignment_seed,"
                + " attribution_days, created_at, updated_at)"
                + " VALUES ('bench', 'email', 'running', 0, 1, 7, 0, 0)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        campaign = keys.getLong(1);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO campaign_recipients (campaign_id, customer_id, arm, state)"
                + " SELECT ?, id, 'A', 'pending' FROM customers ORDER BY id LIMIT ?")) {
      ps.setLong(1, campaign);
      ps.setInt(2, recipients);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.id, r.customer_id, c.external_id FROM campaign_recipients r"
                + " JOIN customers c ON c.id = r.customer_id WHERE r.campaign_id = ? ORDER BY r.id")) {
      ps.setLong(1, campaign);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          targets.add(
              new RecipientContext(
                  campaign, rs.getLong(1), rs.getLong(2), "A", templateId, version));
          externalIds.add(rs.getString(3));
        }
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    context.close();
  }

  private int nextIndex() {
    return Math.floorMod(next.getAndIncrement(), targets.size());
  }

  /** One personalised message. */
  @Benchmark
  public ComposedMessage compose() {
    return composer.compose(targets.get(nextIndex()));
  }

  /** The baseline: the same customer's history and recommendations, no template. */
  @Benchmark
  public RecommendationList recommendOnly() {
    return recommendOnly(externalIds.get(nextIndex()));
  }

  private RecommendationList recommendOnly(String customer) {
    HistoryReader.CustomerHistory h = histories.of(customer);
    return recommender.recommend(
        h.recent(), EnumSet.allOf(Signal.class), Rules.defaults(), h.bought(), 6);
  }

  /** The composer's own part: render, sign six click links and three others, make the text. */
  @Benchmark
  public String renderOnly() {
    int i = Math.floorMod(next.getAndIncrement(), preread.size());
    RecipientContext target = targets.get(i);
    List<Map<String, Object>> items = new ArrayList<>();
    int slot = 0;
    for (Recommendation r : preread.get(i)) {
      String s = "rec" + (++slot);
      Map<String, Object> item = new HashMap<>();
      item.put("id", r.itemId());
      item.put("name", r.name() == null ? r.itemId() : r.name());
      if (r.price() != null) {
        item.put("price", BigDecimal.valueOf(r.price()).setScale(2, RoundingMode.HALF_UP));
      }
      item.put("reason", r.reason().text());
      item.put("slot", s);
      item.put("url", links.click(target.campaignId(), target.recipientId(), r.itemId(), s));
      items.add(item);
    }
    Map<String, Object> model = new HashMap<>();
    model.put("customer", Map.of("id", externalIds.get(i), "firstName", "Grace"));
    model.put("recommendations", items);
    model.put(
        "links",
        Map.of(
            "openPixel", links.open(target.campaignId(), target.recipientId()),
            "unsubscribe", links.unsubscribe(target.campaignId(), target.recipientId()),
            "preferences", links.preferences(target.campaignId(), target.recipientId()),
            "shop", links.shop()));
    model.put("fmt", fmt);
    model.put("now", System.currentTimeMillis());
    CompiledTemplate.Rendered r = compiled.render(model);
    return r.text() != null ? r.text() : HtmlToText.convert(r.html());
  }
}
