package io.affinity.service.cli;

import io.affinity.core.importer.ImportSummary;
import io.affinity.core.importer.OnlineRetailImporter;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code affinity import online-retail PATH}: loads a dataset into the configured database. */
@Command(
    name = "import",
    description = "Import a dataset into the database.",
    subcommands = {ImportCommand.OnlineRetail.class})
public class ImportCommand {

  /** Imports the UCI Online Retail transactions (CSV, gzipped or plain). */
  @Command(
      name = "online-retail",
      description =
          "Import the Online Retail transactions (CSV or CSV.gz). Lines without a customer,"
              + " non-product codes and zero prices are skipped and counted; cancellations become"
              + " return events. Importing again adds nothing.")
  static class OnlineRetail implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", description = "online-retail.csv.gz or online-retail.csv")
    Path path;

    @Override
    public Integer call() {
      if (!Files.isReadable(path)) {
        System.err.println("Cannot read " + path.toAbsolutePath());
        return 2;
      }
      try (ApplicationContext context = CommandContext.start();
          ConsoleProgress progress = new ConsoleProgress()) {
        ImportSummary summary =
            context.getBean(OnlineRetailImporter.class).importFile(path, progress);
        progress.finish();
        System.out.println(summary.toText());
      }
      return 0;
    }
  }
}
