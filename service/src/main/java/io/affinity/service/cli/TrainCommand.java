package io.affinity.service.cli;

import io.affinity.recommender.model.ModelInfo;
import io.affinity.recommender.model.ModelTrainer;
import io.micronaut.context.ApplicationContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code affinity train}: trains a new recommendation model and registers it; a running service
 * picks it up within its refresh interval.
 */
@Command(name = "train", description = "Train a new recommendation model from the events.")
public class TrainCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    try (ApplicationContext context = CommandContext.start();
        ConsoleProgress progress = new ConsoleProgress()) {
      ModelInfo model = context.getBean(ModelTrainer.class).train(progress);
      progress.finish();
      System.out.printf(
          "Model %d: %,d events, %,d users, %,d items, %,d indicators (%s), trained in %.1f s%n",
          model.version(),
          model.events(),
          model.users(),
          model.items(),
          model.indicators(),
          String.join(", ", model.signals()),
          model.trainingMillis() / 1000.0);
    }
    return 0;
  }
}
