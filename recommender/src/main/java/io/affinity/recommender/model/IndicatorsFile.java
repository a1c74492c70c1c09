package io.affinity.recommender.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.affinity.recommender.training.Indicators;
import io.affinity.recommender.training.Signal;
import io.affinity.recommender.training.TrainingSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes the indicators file: gzipped JSON lines, documented in {@code
 * docs/indicators-format.md}, so that another trainer (a distributed one) can produce what the
 * index builder consumes. Items are the shop's product ids.
 */
public final class IndicatorsFile {
  /** The value of the header's {@code format} field. */
  public static final String FORMAT = "affinity-indicators";

  /** The version of the format this code reads and writes. */
  public static final int VERSION = 1;

  private static final JsonFactory JSON = new JsonFactory();

  /** One indicator: a correlated item and its LLR weight. */
  public record Indicator(String item, float llr) {}

  /**
   * One line: an item, its statistics and its indicators per signal.
   *
   * @param buyers users who bought the item in the data window
   * @param recentBuyers buyers in the last 30 days of the window
   * @param priorBuyers buyers in the 30 days before
   * @param repeatDays mean days between repeat purchases, 0 if none
   */
  public record Entry(
      String item,
      int buyers,
      int recentBuyers,
      int priorBuyers,
      float repeatDays,
      Map<Signal, List<Indicator>> indicators) {}

  private IndicatorsFile() {}

  /** Writes the indicators of {@code set} trained into {@code indicators} to {@code file}. */
  public static void write(Path file, TrainingSet set, Indicators indicators) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16);
        Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      try (JsonGenerator g = JSON.createGenerator(w)) {
        g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeNumberField("version", VERSION);
        g.writeNumberField("users", indicators.users());
        g.writeNumberField("items", indicators.items());
        g.writeNumberField("fromMillis", set.fromMillis());
        g.writeNumberField("toMillis", set.toMillis());
        g.writeEndObject();
      }
      w.write('\n');
      for (int item = 0; item < indicators.items(); item++) {
        if (set.itemIds()[item] == null) {
          continue; // a product deleted while training ran
        }
        try (JsonGenerator g = JSON.createGenerator(w)) {
          g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
          g.writeStartObject();
          g.writeStringField("item", set.itemIds()[item]);
          g.writeNumberField("buyers", indicators.buyers(item));
          g.writeNumberField("recentBuyers", set.recentBuyers()[item]);
          g.writeNumberField("priorBuyers", set.priorBuyers()[item]);
          g.writeNumberField("repeatDays", set.repeatDays()[item]);
          for (Signal signal : indicators.signals()) {
            Indicators.List list = indicators.of(signal, item);
            if (list.size() == 0) {
              continue;
            }
            g.writeArrayFieldStart(signal.wireName());
            for (int k = 0; k < list.size(); k++) {
              String other = set.itemIds()[list.items()[k]];
              if (other != null) {
                g.writeStartArray();
                g.writeString(other);
                g.writeNumber(list.weights()[k]);
                g.writeEndArray();
              }
            }
            g.writeEndArray();
          }
          g.writeEndObject();
        }
        w.write('\n');
      }
    }
  }

  /** Reads {@code file}, passing each item's entry to {@code sink}. */
  public static void read(Path file, Consumer<Entry> sink) throws IOException {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                StandardCharsets.UTF_8))) {
      String header = in.readLine();
      if (header == null || !header.contains("\"" + FORMAT + "\"")) {
        throw new IOException(file + " is not an indicators file");
      }
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          sink.accept(parse(line));
        }
      }
    }
  }

  private static Entry parse(String line) throws IOException {
    try (JsonParser p = JSON.createParser(line)) {
      p.nextToken();
      String item = null;
      int buyers = 0;
      int recent = 0;
      int prior = 0;
      float repeat = 0;
      Map<Signal, List<Indicator>> indicators = new EnumMap<>(Signal.class);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "item" -> item = p.getText();
          case "buyers" -> buyers = p.getIntValue();
          case "recentBuyers" -> recent = p.getIntValue();
          case "priorBuyers" -> prior = p.getIntValue();
          case "repeatDays" -> repeat = p.getFloatValue();
          default -> {
            List<Indicator> list = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_ARRAY) {
              p.nextToken();
              String other = p.getText();
              p.nextToken();
              list.add(new Indicator(other, p.getFloatValue()));
              p.nextToken();
            }
            indicators.put(Signal.fromWireName(field), list);
          }
        }
      }
      return new Entry(item, buyers, recent, prior, repeat, indicators);
    }
  }
}
