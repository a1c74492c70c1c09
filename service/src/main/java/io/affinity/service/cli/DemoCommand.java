package io.affinity.service.cli;

import io.affinity.core.importer.OnlineRetailImporter;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.core.value.CustomerValueService;
import io.affinity.recommender.model.ModelHolder;
import io.affinity.recommender.model.ModelTrainer;
import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.PasswordHasher;
import io.affinity.service.demo.DemoData;
import io.affinity.service.demo.DemoKeys;
import io.affinity.service.demo.DemoLogin;
import io.affinity.service.demo.DemoSample;
import io.affinity.service.security.Scope;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code affinity demo}: the service on its embedded defaults with demo data. On the first run it
 * creates API keys, loads a synthetic shop (or the Online Retail file) with its dates shifted so
 * that it ends yesterday, sets up a household trigger, and trains a model; then it prints the URL,
 * the keys and requests that work.
 */
@Command(
    name = "demo",
    description =
        "Run the service on its embedded defaults (H2 under --data-dir) with demo data: a"
            + " synthetic shop, or the Online Retail transactions with --online-retail PATH.")
public class DemoCommand implements Callable<Integer> {
  private static final String MARKER = "demo-data.txt";

  @Option(
      names = "--online-retail",
      paramLabel = "PATH",
      description = "load this Online Retail CSV(.gz) instead of a synthetic shop")
  Path onlineRetail;

  @Option(names = "--data-dir", defaultValue = "./data", description = "default: ${DEFAULT-VALUE}")
  Path dataDir;

  @Option(names = "--port", defaultValue = "8080", description = "default: ${DEFAULT-VALUE}")
  int port;

  @Option(
      names = "--customers",
      defaultValue = "2000",
      description = "synthetic shop size; default: ${DEFAULT-VALUE}")
  int customers;

  @Option(names = "--products", defaultValue = "300", description = "default: ${DEFAULT-VALUE}")
  int products;

  @Option(names = "--events", defaultValue = "100000", description = "default: ${DEFAULT-VALUE}")
  long events;

  @Option(names = "--seed", defaultValue = "1", description = "default: ${DEFAULT-VALUE}")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (onlineRetail != null && !Files.isReadable(onlineRetail)) {
      System.err.println("Cannot read " + onlineRetail.toAbsolutePath());
      return 2;
    }
    DemoKeys keys = DemoKeys.loadOrCreate(dataDir);
    Map<String, Object> properties = new HashMap<>(keys.asProperties());
    properties.put("affinity.data-dir", dataDir.toString());
    properties.put("micronaut.server.port", port);
    properties.putAll(DemoData.properties());
    ApplicationContext context = ServeCommand.start(properties);
    loadDataOnce(context);
    DemoLogin login =
        DemoLogin.ensure(
            dataDir, context.getBean(ConsoleUsers.class), context.getBean(PasswordHasher.class));
    printBanner(context, keys, login);
    ServeCommand.awaitShutdown(context);
    return 0;
  }

  private void loadDataOnce(ApplicationContext context) throws IOException {
    String dataset =
        onlineRetail != null
            ? "online-retail " + onlineRetail.toAbsolutePath().normalize()
            : "synthetic customers="
                + customers
                + " products="
                + products
                + " events="
                + events
                + " seed="
                + seed;
    Path marker = dataDir.resolve(MARKER);
    boolean loaded = Files.exists(marker) && Files.readString(marker).trim().equals(dataset);
    try (ConsoleProgress progress = new ConsoleProgress()) {
      if (!loaded) {
        System.out.println("Loading demo data: " + dataset);
        DemoData demo = context.getBean(DemoData.class);
        if (onlineRetail != null) {
          OnlineRetailImporter importer = context.getBean(OnlineRetailImporter.class);
          Duration shift =
              importer.lastEventTime(onlineRetail).map(demo::shiftTo).orElse(Duration.ZERO);
          System.out.println(
              DemoData.describe(shift, LocalDate.now(context.getBean(Clock.class)).minusDays(1)));
          System.out.println(
              importer
                  .importFile(onlineRetail, OnlineRetailImporter.EVENT_ID_PREFIX, shift, progress)
                  .toText());
        } else {
          ShopSpec plain = ShopSpec.of(customers, products, events, seed);
          ShopSpec spec = demo.shifted(plain);
          System.out.println(
              DemoData.describe(
                  demo.shiftOf(plain),
                  LocalDate.ofInstant(spec.end().minusMillis(1), ZoneOffset.UTC)));
          // Before the data: a trigger reacts only to purchases received while it is active.
          demo.createTrigger(spec)
              .ifPresent(
                  t ->
                      System.out.println(
                          "Household trigger '"
                              + t.name()
                              + "' (id "
                              + t.id()
                              + "): yesterday's purchases fire it; see /api/triggers/"
                              + t.id()));
          System.out.println(
              context.getBean(SyntheticShopLoader.class).load(spec, progress).toText());
        }
        progress.finish();
        // A bulk load refreshes no customer value on the way: compute everyone's once.
        System.out.println("Computing customer value (RFM, CLV)...");
        context.getBean(CustomerValueService.class).recomputeAll(progress);
        progress.finish();
      }
      if (!loaded || context.getBean(ModelHolder.class).info().isEmpty()) {
        System.out.println("Training the recommendation model...");
        context.getBean(ModelTrainer.class).train(progress);
        progress.finish();
      }
    }
    Files.writeString(marker, dataset + "\n");
  }

  private void printBanner(ApplicationContext context, DemoKeys keys, DemoLogin login) {
    String url = context.getBean(EmbeddedServer.class).getURL().toString();
    DemoSample sample = context.getBean(DemoSample.class);
    String customer = sample.customer().orElse("CUSTOMER_ID");
    String product = sample.product().orElse("PRODUCT_ID");
    StringBuilder s = new StringBuilder();
    s.append("\nAffinity is running at ").append(url).append('\n');
    s.append("  Console            ")
        .append(url)
        .append("/console  (user ")
        .append(login.username())
        .append(", password ")
        .append(login.password())
        .append(")\n");
    s.append("  API documentation  ").append(url).append("/swagger-ui/index.html\n");
    s.append("  Health, metrics    ")
        .append(url)
        .append("/health  ")
        .append(url)
        .append("/prometheus\n");
    s.append("\nAPI keys (kept in ").append(dataDir.resolve(DemoKeys.FILE)).append("):\n");
    for (Scope scope : Scope.values()) {
      s.append(String.format("  %-10s %s%n", scope.wireName(), keys.key(scope)));
    }
    s.append("\nTry:\n");
    s.append(curl(keys.key(Scope.MARKETING), url + "/api/customers/" + customer));
    s.append(
        curl(
            keys.key(Scope.RECOMMEND),
            url + "/api/recommendations/customers/" + customer + "?limit=5"));
    s.append(
        curl(
            keys.key(Scope.RECOMMEND),
            url + "/api/recommendations/items/" + product + "/similar?limit=5"));
    s.append(
        curl(
            keys.key(Scope.RECOMMEND),
            url + "/api/recommendations/customers/" + customer + "/buy-again"));
    s.append("\nStop with Ctrl-C; data and keys stay in ").append(dataDir).append(".\n");
    System.out.println(s);
  }

  private static String curl(String key, String url) {
    return "  curl -H 'X-API-Key: " + key + "' '" + url + "'\n";
  }
}
