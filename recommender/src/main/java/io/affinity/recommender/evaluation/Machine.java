package io.affinity.recommender.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the evaluation ran. */
public record Machine(int cores, long maxHeapBytes, String jvm, String os, String cpu) {

  /** This JVM and machine. */
  static Machine current() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        cpuName());
  }

  private static String cpuName() {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
