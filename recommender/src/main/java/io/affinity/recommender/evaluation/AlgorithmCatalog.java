package io.affinity.recommender.evaluation;

import io.affinity.recommender.serving.History;
import java.util.List;

/** The algorithms the evaluation knows, by name. */
public final class AlgorithmCatalog {
  /** Every name, in the default order of runs and tables: ours first, the floor last. */
  public static final List<String> NAMES =
      List.of("affinity", "popularity", "item-based", "user-based", "als", "ease", "random");

  private AlgorithmCatalog() {}

  /** A new, untrained algorithm called {@code name}, with the parameters of {@code config}. */
  static Algorithm create(String name, EvaluationConfig config) {
    return switch (name) {
      case "affinity" ->
          new AffinityAlgorithm(config.training(), config.tuning(), History.ITEMS_PER_SIGNAL);
      case "popularity" -> new PopularityAlgorithm();
      case "item-based" -> new TasteItemBasedAlgorithm();
      case "user-based" -> new TasteUserBasedAlgorithm(config.neighbours());
      case "als" -> new TasteAlsAlgorithm(config.als());
      case "ease" -> new EaseAlgorithm(config.easeLambda());
      case "random" -> new RandomAlgorithm(config.seed());
      default -> throw new IllegalArgumentException("unknown algorithm '" + name + "'");
    };
  }
}
