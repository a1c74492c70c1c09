package io.affinity.service.problem;

import jakarta.validation.Path;

/** Turns bean-validation property paths into the field paths clients see. */
final class Violations {
  private Violations() {}

  /**
   * The path without the method and parameter names that bean validation puts first for method
   * parameters ({@code find.limit} becomes {@code limit}).
   */
  static String path(Path path) {
    StringBuilder s = new StringBuilder();
    for (Path.Node node : path) {
      if (node.getKind() == jakarta.validation.ElementKind.METHOD) {
        continue;
      }
      if (node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
        s.setLength(0);
        s.append(node.getName());
        continue;
      }
      if (node.getIndex() != null) {
        s.append('[').append(node.getIndex()).append(']');
      }
      if (node.getName() != null && !node.getName().isEmpty()) {
        if (s.length() > 0) {
          s.append('.');
        }
        s.append(node.getName());
      }
    }
    return s.toString();
  }
}
