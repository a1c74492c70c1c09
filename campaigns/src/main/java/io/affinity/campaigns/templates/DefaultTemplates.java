package io.affinity.campaigns.templates;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the shipped templates to the database at startup when their key is missing; a template a
 * marketer has since edited is left alone. The folder holds {@code index.txt} (one key a line) and
 * per key {@code <key>.properties} ({@code name}, {@code subject}), {@code <key>.ftlh} and
 * optionally {@code <key>.txt.ftl}.
 */
@Singleton
public class DefaultTemplates {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultTemplates.class);

  private final TemplateService templates;
  private final TemplatesConfiguration config;

  public DefaultTemplates(TemplateService templates, TemplatesConfiguration config) {
    this.templates = templates;
    this.config = config;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    if (config.isLoadDefaults()) {
      int added = load();
      if (added > 0) {
        LOG.info("Added {} shipped e-mail template(s)", added);
      }
    }
  }

  /** Adds the missing shipped templates; returns how many it added. */
  public int load() {
    int added = 0;
    for (TemplateInput t : shipped()) {
      if (templates.createIfMissing(t)) {
        added++;
      }
    }
    return added;
  }

  /** The shipped templates, read from the folder or the classpath; empty if neither has them. */
  public List<TemplateInput> shipped() {
    Optional<String> index = read("index.txt");
    if (index.isEmpty()) {
      LOG.warn("No shipped templates found in {} or on the classpath", config.getDefaultsDir());
      return List.of();
    }
    List<TemplateInput> out = new ArrayList<>();
    for (String line : index.get().split("\n")) {
      String key = line.strip();
      if (key.isEmpty() || key.startsWith("#")) {
        continue;
      }
      Properties meta = new Properties();
      try {
        meta.load(new StringReader(required(key + ".properties")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.add(
          new TemplateInput(
              key,
              meta.getProperty("name", key),
              meta.getProperty("subject"),
              required(key + ".ftlh"),
              read(key + ".txt.ftl").orElse(null)));
    }
    return out;
  }

  private String required(String file) {
    return read(file)
        .orElseThrow(() -> new IllegalStateException("Shipped template file missing: " + file));
  }

  private Optional<String> read(String file) {
    Path path = Path.of(config.getDefaultsDir()).resolve(file);
    try {
      if (Files.isRegularFile(path)) {
        return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
      }
      try (InputStream in =
          DefaultTemplates.class.getClassLoader().getResourceAsStream("templates/" + file)) {
        return in == null
            ? Optional.empty()
            : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + path, e);
    }
  }
}
