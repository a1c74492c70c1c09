package io.affinity.service.cli;

import io.affinity.core.importer.LineClassifier;
import io.affinity.recommender.evaluation.AlgorithmCatalog;
import io.affinity.recommender.evaluation.AlsParams;
import io.affinity.recommender.evaluation.CrossSellEvaluation;
import io.affinity.recommender.evaluation.EvaluationConfig;
import io.affinity.recommender.evaluation.EvaluationReport;
import io.affinity.recommender.evaluation.EvaluationRunner;
import io.affinity.recommender.evaluation.JsonReport;
import io.affinity.recommender.evaluation.MarkdownReport;
import io.affinity.recommender.evaluation.TemporalSplit;
import io.affinity.recommender.serving.Recommender;
import io.affinity.recommender.training.TrainingConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code affinity evaluate PATH}: the offline evaluation of design.md on the Online Retail file,
 * ours against the baselines, written as Markdown and JSON. Reads the file directly: no database,
 * no application context.
 */
@Command(
    name = "evaluate",
    description =
        "Evaluate our recommender against popularity, Mahout Taste (item-based, user-based, ALS),"
            + " EASE and random on a temporal split of the Online Retail file. Writes"
            + " evaluation.md and evaluation.json to --output-dir. Needs no database.")
public class EvaluateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PATH", description = "online-retail.csv.gz or online-retail.csv")
  Path path;

  @Option(
      names = "--output-dir",
      defaultValue = "evaluation",
      description = "where evaluation.md and evaluation.json go; default: ${DEFAULT-VALUE}")
  Path outputDir;

  @Option(
      names = "--k",
      split = ",",
      defaultValue = "10,20",
      description = "cutoffs; default: ${DEFAULT-VALUE}")
  int[] ks;

  @Option(
      names = "--algorithms",
      split = ",",
      description =
          "which to run, in this order (the first is compared with the others); default: all of"
              + " ${COMPLETION-CANDIDATES}",
      completionCandidates = Names.class)
  List<String> algorithms;

  @Option(
      names = "--split",
      defaultValue = "2011-09-01",
      description = "first day of the test period (Europe/London); default: ${DEFAULT-VALUE}")
  LocalDate split;

  @Option(
      names = "--test-end",
      description =
          "first day after the test period (default: none). With an earlier --split, a"
              + " validation split inside the training period for choosing parameters.")
  LocalDate testEnd;

  @Option(
      names = "--evidence-floor",
      defaultValue = "" + Recommender.Tuning.DEFAULT_EVIDENCE_FLOOR,
      description =
          "ours: leave out correlated items scoring under this share of the query's best (0 for"
              + " none); default: ${DEFAULT-VALUE}")
  double evidenceFloor;

  @Option(
      names = "--neighbours",
      defaultValue = "" + EvaluationConfig.DEFAULT_NEIGHBOURS,
      description = "user-based neighbourhood size; default: ${DEFAULT-VALUE}")
  int neighbours;

  @Option(
      names = "--ease-lambda",
      defaultValue = "" + EvaluationConfig.DEFAULT_EASE_LAMBDA,
      description = "EASE regularisation; default: ${DEFAULT-VALUE}")
  double easeLambda;

  @Option(
      names = "--als",
      split = ",",
      paramLabel = "FEATURES,LAMBDA,ALPHA,ITERATIONS",
      description = "ALS parameters; default: 32,1.0,3.0,10")
  double[] als;

  @Option(
      names = "--offers",
      description =
          "evaluate cross-sell offers instead: hit rate of the offers for each customer's last"
              + " basket against the new items they bought after the split, against the most"
              + " popular items of other categories; writes offers-evaluation.md")
  boolean offers;

  /** The algorithm names, for the help text. */
  static final class Names extends java.util.ArrayList<String> {
    Names() {
      super(AlgorithmCatalog.NAMES);
    }
  }

  @Override
  public Integer call() throws IOException {
    if (!Files.isReadable(path)) {
      System.err.println("Cannot read " + path.toAbsolutePath());
      return 2;
    }
    EvaluationConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    if (offers) {
      return evaluateOffers(config);
    }
    EvaluationReport report;
    try (ConsoleProgress progress = new ConsoleProgress()) {
      report = new EvaluationRunner(config).run(path, progress);
      progress.finish();
    }
    Files.createDirectories(outputDir);
    Path md = outputDir.resolve("evaluation.md");
    Path json = outputDir.resolve("evaluation.json");
    Files.writeString(md, MarkdownReport.render(report), StandardCharsets.UTF_8);
    JsonReport.write(report, json);
    System.out.println(MarkdownReport.render(report));
    System.out.printf("Wrote %s and %s in %.1f s%n", md, json, report.totalMillis() / 1000.0);
    return 0;
  }

  private int evaluateOffers(EvaluationConfig config) throws IOException {
    CrossSellEvaluation.Result result;
    try (ConsoleProgress progress = new ConsoleProgress()) {
      TemporalSplit data = TemporalSplit.read(path, config.splitAt(), config.testEnd(), progress);
      result =
          CrossSellEvaluation.run(
              data, config.training(), config.tuning().evidenceFloor(), ks[0], progress);
      progress.finish();
    }
    Files.createDirectories(outputDir);
    Path md = outputDir.resolve("offers-evaluation.md");
    Files.writeString(md, result.toMarkdown(), StandardCharsets.UTF_8);
    System.out.println(result.toMarkdown());
    System.out.println("Wrote " + md);
    return 0;
  }

  private EvaluationConfig config() {
    Instant at = split.atStartOfDay(LineClassifier.ZONE).toInstant();
    Instant end = testEnd == null ? null : testEnd.atStartOfDay(LineClassifier.ZONE).toInstant();
    AlsParams alsParams = AlsParams.DEFAULTS;
    if (als != null) {
      if (als.length != 4) {
        throw new IllegalArgumentException(
            "--als takes FEATURES,LAMBDA,ALPHA,ITERATIONS, got " + als.length + " values");
      }
      alsParams = new AlsParams((int) als[0], als[1], als[2], (int) als[3]);
    }
    return new EvaluationConfig(
        at,
        end,
        ks,
        algorithms == null ? AlgorithmCatalog.NAMES : algorithms,
        TrainingConfig.defaults(),
        Recommender.Tuning.defaults().withEvidenceFloor(evidenceFloor),
        neighbours,
        alsParams,
        easeLambda,
        1L);
  }
}
