package io.affinity.campaigns.tracking;

import io.affinity.core.secret.DataDirSecret;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * The key that signs tracking links: {@code affinity.tracking.secret} when set, else one generated
 * once into {@code <data-dir>/tracking.secret} and read from there on every start, so that links in
 * mail already sent keep working. The key is never logged.
 */
@Factory
public class TrackingSecret {
  /** The file the generated key is kept in, under the data directory. */
  public static final String FILE = "tracking.secret";

  /** The signer of tracking tokens. */
  @Singleton
  @Bean
  TokenSigner signer(
      TrackingConfiguration config, @Value("${affinity.data-dir:./data}") String dataDir) {
    return new TokenSigner(key(config.getSecret(), Path.of(dataDir)));
  }

  /** The key: the configured secret, or the one kept in {@code dataDir}, generated if missing. */
  static byte[] key(String configured, Path dataDir) {
    return DataDirSecret.key(configured, dataDir, FILE, TrackingConfiguration.PREFIX + ".secret");
  }
}
