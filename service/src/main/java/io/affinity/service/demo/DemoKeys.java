package io.affinity.service.demo;

import io.affinity.service.security.ApiKeyProperties;
import io.affinity.service.security.OwnerOnlyFiles;
import io.affinity.service.security.Scope;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One API key per scope for the demo, created on the first run and kept in the data directory
 * (readable by its owner only), so that the keys a user copied keep working across restarts.
 */
public final class DemoKeys {
  /** The file, in the data directory, that holds the keys. */
  public static final String FILE = "demo-api-keys.properties";

  private final Map<Scope, String> keys;

  private DemoKeys(Map<Scope, String> keys) {
    this.keys = keys;
  }

  /** The keys stored in {@code dataDir}, created there first if missing. */
  public static DemoKeys loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      Properties stored = new Properties();
      if (Files.exists(file)) {
        try (Reader in = Files.newBufferedReader(file)) {
          stored.load(in);
        }
      }
      Map<Scope, String> keys = new LinkedHashMap<>();
      SecureRandom random = new SecureRandom();
      boolean changed = false;
      for (Scope scope : Scope.values()) {
        String key = stored.getProperty(scope.wireName());
        if (key == null) {
          byte[] bytes = new byte[24];
          random.nextBytes(bytes);
          key =
              "aff_"
                  + scope.wireName()
                  + "_"
                  + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
          stored.setProperty(scope.wireName(), key);
          changed = true;
        }
        keys.put(scope, key);
      }
      if (changed) {
        Files.createDirectories(dataDir);
        try (Writer out = Files.newBufferedWriter(file)) {
          stored.store(out, "Affinity demo API keys, one per scope");
        }
        OwnerOnlyFiles.restrict(file);
      }
      return new DemoKeys(keys);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the demo keys in " + file, e);
    }
  }

  /** The key of {@code scope}. */
  public String key(Scope scope) {
    return keys.get(scope);
  }

  /** The keys as configuration properties ({@code affinity.api-keys.demo-<scope>.*}). */
  public Map<String, Object> asProperties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    keys.forEach(
        (scope, key) -> {
          String prefix = ApiKeyProperties.PREFIX + ".demo-" + scope.wireName();
          properties.put(prefix + ".key", key);
          properties.put(prefix + ".scopes", scope.wireName());
        });
    return properties;
  }
}
