package io.affinity.bench.serving;

import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Training time and peak heap on a synthetic shop: events to indicators (CCO with LLR) to the
 * indicators file, then the Lucene index. Run it with the heap limit to prove, e.g. -Xmx4g.
 */
@Command(name = "training-bench", mixinStandardHelpOptions = true)
public class TrainingBench implements Callable<Integer> {
  @Option(names = "--customers", defaultValue = "1000000")
  int customers;

  @Option(names = "--products", defaultValue = "100000")
  int products;

  @Option(names = "--events", defaultValue = "10000000")
  long events;

  public static void main(String[] args) {
    System.exit(new CommandLine(new TrainingBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("affinity-training");
    long start = System.currentTimeMillis();
    ServingFixture f =
        ServingFixture.build(
            ShopSpec.of(customers, products, events, 1), dir, ProgressListener.NONE);
    System.out.printf(
        "Shop %,d customers, %,d products, %,d events (max heap %.1f GiB)%n"
            + "Training (interactions -> indicators -> file): %.1f s%n"
            + "Index build: %.1f s%n"
            + "Training + index: %.1f s; whole run incl. generation %.1f s; peak heap %.2f GiB%n",
        customers,
        products,
        f.events,
        Runtime.getRuntime().maxMemory() / (double) (1L << 30),
        f.trainMillis / 1000.0,
        f.indexMillis / 1000.0,
        (f.trainMillis + f.indexMillis) / 1000.0,
        (System.currentTimeMillis() - start) / 1000.0,
        f.peakHeapBytes / (double) (1L << 30));
    return 0;
  }
}
