package io.affinity.service.cli;

import io.affinity.core.value.CustomerValueQueries;
import io.affinity.core.value.CustomerValueService;
import io.affinity.core.value.HoldoutCheck;
import io.affinity.core.value.HoldoutReport;
import io.affinity.core.value.RecomputeSummary;
import io.affinity.core.value.ValueSummary;
import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code affinity customer-value}: recomputes every customer's value metrics on the current
 * database and prints the RFM summary; with {@code --holdout-months} it checks the predicted-CLV
 * model on the last months instead, writing nothing.
 */
@Command(
    name = "customer-value",
    description =
        "Recompute customer value (RFM, CLV, churn) for every customer and print the summary;"
            + " or, with --holdout-months, check the CLV model on a temporal holdout.")
public class CustomerValueCommand implements Callable<Integer> {
  @Option(
      names = "--as-of",
      description =
          "Use only events before this instant (e.g. 2011-12-10T00:00:00Z); with"
              + " --holdout-months, the end of the holdout.")
  Instant asOf;

  @Option(
      names = "--holdout-months",
      description =
          "Fit on the events before the last N months, predict those months, report the error."
              + " Writes nothing.")
  Integer holdoutMonths;

  @Override
  public Integer call() {
    try (ApplicationContext context = CommandContext.start();
        ConsoleProgress progress = new ConsoleProgress()) {
      if (holdoutMonths != null) {
        HoldoutReport report =
            context.getBean(HoldoutCheck.class).lastMonths(holdoutMonths, asOf, progress);
        progress.finish();
        System.out.print(HoldoutText.of(report));
        return 0;
      }
      RecomputeSummary run =
          context.getBean(CustomerValueService.class).recomputeAll(asOf, progress);
      progress.finish();
      System.out.printf(
          Locale.ROOT,
          "Customer value as of %s: %,d customers, %,d buyers, in %.1f s%n",
          run.asOf(),
          run.customers(),
          run.buyers(),
          run.millis() / 1000.0);
      System.out.println("BG/NBD: " + run.bgNbd());
      System.out.println("Gamma-Gamma: " + run.gammaGamma());
      ValueSummary summary = context.getBean(CustomerValueQueries.class).summary();
      System.out.print(SummaryText.of(summary));
    }
    return 0;
  }
}
