package io.affinity.recommender.model;

import io.affinity.core.progress.ProgressListener;
import io.affinity.recommender.evaluation.HoldoutCheck;
import io.affinity.recommender.index.CatalogueReader;
import io.affinity.recommender.index.IndexBuilder;
import io.affinity.recommender.training.CooccurrenceTrainer;
import io.affinity.recommender.training.HoldoutSet;
import io.affinity.recommender.training.Indicators;
import io.affinity.recommender.training.InteractionLoader;
import io.affinity.recommender.training.Signal;
import io.affinity.recommender.training.TrainingSet;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run: read the interactions, compute indicators, write the indicators file, build a
 * new index generation from it and the catalogue, register the model, swap it in, and remove
 * generations beyond the last few.
 */
@Singleton
public class ModelTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(ModelTrainer.class);
  private static final long DAY = 86_400_000L;

  private final InteractionLoader loader;
  private final CatalogueReader catalogue;
  private final ModelRegistry registry;
  private final ModelHolder holder;
  private final RecommenderConfiguration config;
  private final TransactionOperations<Connection> tx;

  public ModelTrainer(
      InteractionLoader loader,
      CatalogueReader catalogue,
      ModelRegistry registry,
      ModelHolder holder,
      RecommenderConfiguration config,
      TransactionOperations<Connection> tx) {
    this.loader = loader;
    this.catalogue = catalogue;
    this.registry = registry;
    this.holder = holder;
    this.config = config;
    this.tx = tx;
  }

  /** Trains, registers and serves a new model; returns its registry entry. */
  public synchronized ModelInfo train(ProgressListener progress) {
    long started = System.currentTimeMillis();
    long to = newestEventTime() + 1;
    long from = config.getWindowDays() > 0 ? to - config.getWindowDays() * DAY : 0;
    TrainingSet set = loader.load(from, to, config.training(), progress);
    Indicators indicators = new CooccurrenceTrainer(config.training()).train(set.data(), progress);
    HoldoutCheck.Result metrics = holdoutMetrics(from, to, progress);
    Path dir = config.modelsDir().resolve("model-" + started);
    try {
      Path file = dir.resolve("indicators.jsonl.gz");
      IndicatorsFile.write(file, set, indicators);
      IndexBuilder.build(file, catalogue.all(), dir.resolve("index"), progress);
      ModelInfo info =
          registry.register(
              new ModelInfo(
                  0,
                  Instant.ofEpochMilli(started),
                  Instant.ofEpochMilli(from),
                  Instant.ofEpochMilli(to),
                  set.events(),
                  indicators.users(),
                  set.data().items(),
                  indicators.count(),
                  set.data().signals().stream().map(Signal::wireName).sorted().toList(),
                  System.currentTimeMillis() - started,
                  metrics,
                  dir.toAbsolutePath().toString(),
                  "active"));
      holder.swap(ServingModel.open(info, dir.resolve("index")));
      LOG.info(
          "Model {} trained on {} events in {} ms: {} items, {} indicators",
          info.version(),
          info.events(),
          info.trainingMillis(),
          info.items(),
          info.indicators());
      prune(info.version());
      return info;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write model files in " + dir, e);
    }
  }

  /**
   * The {@link HoldoutCheck} of this run, or null when it is off or nobody bought both before and
   * during the held-out days.
   */
  private HoldoutCheck.Result holdoutMetrics(long from, long to, ProgressListener progress) {
    int days = config.getHoldoutDays();
    if (days == 0) {
      return null;
    }
    long cutoff = to - days * DAY;
    if (cutoff <= from) {
      return null;
    }
    HoldoutSet held = loader.loadWithHoldout(from, cutoff, to, config.training(), progress);
    Indicators before =
        new CooccurrenceTrainer(config.training()).train(held.training().data(), progress);
    HoldoutCheck.Result result =
        HoldoutCheck.run(
            held, before, days, config.getHoldoutCustomers(), config.training().seed());
    if (result.customers() == 0) {
      LOG.info("Holdout check skipped: nobody bought new items in the last {} days", days);
      return null;
    }
    LOG.info(
        "Holdout check on {} customers: NDCG@10 {} (popularity {})",
        result.customers(),
        String.format("%.4f", result.ndcg()),
        String.format("%.4f", result.popularityNdcg()));
    return result;
  }

  /** Opens the newest registered model whose files exist, if any; true if one is served. */
  public boolean loadNewest() {
    for (ModelInfo m : registry.latest(config.getKeepModels() + 5)) {
      Path index = Path.of(m.path()).resolve("index");
      if ("active".equals(m.status()) && Files.isDirectory(index)) {
        try {
          holder.swap(ServingModel.open(m, index));
          LOG.info("Serving model {} from {}", m.version(), m.path());
          return true;
        } catch (IOException e) {
          LOG.warn("Model {} could not be opened: {}", m.version(), e.getMessage());
        }
      }
    }
    return false;
  }

  /** Whether there are events to train on. */
  public boolean hasEvents() {
    return newestEventTime() > 0;
  }

  private void prune(long newest) {
    List<ModelInfo> models = registry.latest(100);
    models.stream()
        .filter(m -> "active".equals(m.status()))
        .skip(config.getKeepModels())
        .filter(m -> m.version() != newest)
        .forEach(
            m -> {
              deleteRecursively(Path.of(m.path()));
              registry.retire(m.version());
            });
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not remove old model files {}: {}", dir, e.getMessage());
    }
  }

  private long newestEventTime() {
    return tx.executeRead(
        status -> {
          try (PreparedStatement ps =
                  status.getConnection().prepareStatement("SELECT MAX(occurred_at) FROM events");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read the events", e);
          }
        });
  }
}
