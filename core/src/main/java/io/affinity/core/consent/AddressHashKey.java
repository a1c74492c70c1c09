package io.affinity.core.consent;

import io.affinity.core.secret.DataDirSecret;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * The key of suppressed addresses' hashes: {@code affinity.consent.address-secret} when set, else
 * one generated once into {@code <data-dir>/address.secret}. Losing it makes every suppression
 * unrecognisable: back it up with the database, and give every node the same one.
 */
@Factory
public class AddressHashKey {
  /** The file the generated key is kept in, under the data directory. */
  public static final String FILE = "address.secret";

  /** The setting that gives the key. */
  public static final String SETTING = "affinity.consent.address-secret";

  @Singleton
  AddressHasher hasher(
      @Nullable @Value("${" + SETTING + ":}") String configured,
      @Value("${affinity.data-dir:./data}") String dataDir) {
    return new AddressHasher(DataDirSecret.key(configured, Path.of(dataDir), FILE, SETTING));
  }
}
