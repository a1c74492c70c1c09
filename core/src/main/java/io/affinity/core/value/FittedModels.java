package io.affinity.core.value;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits both models on a population, leaving out a model the data cannot support (too few customers,
 * no repeat buyers, or an optimiser that does not converge) instead of failing the run.
 *
 * @param bgNbd the purchase model, or null
 * @param gammaGamma the spend model, or null
 */
record FittedModels(@Nullable BgNbd bgNbd, @Nullable GammaGamma gammaGamma) {
  private static final Logger LOG = LoggerFactory.getLogger(FittedModels.class);

  static FittedModels fit(List<RepeatHistory> histories) {
    BgNbd bg = null;
    GammaGamma gg = null;
    try {
      bg = ModelFitter.fitBgNbd(histories);
    } catch (RuntimeException e) {
      LOG.warn("BG/NBD not fitted: {}", e.getMessage());
    }
    try {
      gg = ModelFitter.fitGammaGamma(histories);
    } catch (RuntimeException e) {
      LOG.warn("Gamma-Gamma not fitted: {}", e.getMessage());
    }
    return new FittedModels(bg, gg);
  }
}
