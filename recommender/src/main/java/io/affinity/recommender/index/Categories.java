package io.affinity.recommender.index;

import java.util.ArrayList;
import java.util.List;

/** Category paths such as {@code Home/Kitchen/Mugs}. */
public final class Categories {
  private Categories() {}

  /**
   * Every prefix of {@code path}: {@code Home}, {@code Home/Kitchen}, {@code Home/Kitchen/Mugs}.
   */
  public static List<String> prefixes(String path) {
    List<String> prefixes = new ArrayList<>();
    String[] parts = path.split("/");
    StringBuilder s = new StringBuilder();
    for (String part : parts) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      if (s.length() > 0) {
        s.append('/');
      }
      s.append(p);
      prefixes.add(s.toString());
    }
    return prefixes;
  }

  /** The top-level category of {@code path}, or null. */
  public static String top(String path) {
    List<String> prefixes = path == null ? List.of() : prefixes(path);
    return prefixes.isEmpty() ? null : prefixes.get(0);
  }
}
