package io.affinity.recommender.model;

import io.affinity.core.error.UnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Holds the model being served and swaps in a new one atomically. A query that started on the old
 * model finishes on it: the old index is closed only when its last query releases it, so a swap
 * never fails a request.
 */
@Singleton
public class ModelHolder {
  private final AtomicReference<ServingModel> current = new AtomicReference<>();

  /** Runs {@code query} on the current model. */
  public <T> T withModel(Function<ServingModel, T> query) {
    ServingModel model = acquire();
    try {
      return query.apply(model);
    } finally {
      model.release();
    }
  }

  /** The registry entry of the model being served, if any. */
  public Optional<ModelInfo> info() {
    ServingModel m = current.get();
    return m == null ? Optional.empty() : Optional.of(m.info());
  }

  /** Serves {@code next} from now on; the previous model closes after its last query. */
  public void swap(ServingModel next) {
    ServingModel previous = current.getAndSet(next);
    if (previous != null) {
      previous.release();
    }
  }

  private ServingModel acquire() {
    while (true) {
      ServingModel m = current.get();
      if (m == null) {
        throw new UnavailableException(
            "No recommendation model has been trained yet; train one with POST /api/models/train");
      }
      if (m.tryAcquire()) {
        return m;
      }
      // Swapped and closed between get() and tryAcquire(): the next get() sees the new one.
    }
  }

  @PreDestroy
  void close() {
    swap(null);
  }
}
