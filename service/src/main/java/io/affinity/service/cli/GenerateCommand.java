package io.affinity.service.cli;

import io.affinity.core.synthetic.LoadSummary;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.micronaut.context.ApplicationContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code affinity generate}: loads a synthetic shop with planted structure into the database. */
@Command(
    name = "generate",
    description =
        "Generate a synthetic shop (households, a category tree with price tiers, events with"
            + " taste clusters, complementary categories and repeat purchases) into the database."
            + " The same seed gives the same shop; loading it again adds nothing.")
public class GenerateCommand implements Callable<Integer> {
  @Option(names = "--customers", defaultValue = "10000", description = "default: ${DEFAULT-VALUE}")
  int customers;

  @Option(names = "--products", defaultValue = "1000", description = "default: ${DEFAULT-VALUE}")
  int products;

  @Option(names = "--events", defaultValue = "500000", description = "default: ${DEFAULT-VALUE}")
  long events;

  @Option(names = "--seed", defaultValue = "1", description = "default: ${DEFAULT-VALUE}")
  long seed;

  @Override
  public Integer call() {
    ShopSpec spec = ShopSpec.of(customers, products, events, seed);
    try (ApplicationContext context = CommandContext.start();
        ConsoleProgress progress = new ConsoleProgress()) {
      LoadSummary summary = context.getBean(SyntheticShopLoader.class).load(spec, progress);
      progress.finish();
      System.out.println(summary.toText());
    }
    return 0;
  }
}
