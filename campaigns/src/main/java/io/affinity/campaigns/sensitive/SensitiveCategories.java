package io.affinity.campaigns.sensitive;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The categories whose purchases are private to the buyer: {@code
 * affinity.privacy.sensitive-categories}. A purchase in one of them never fires a household
 * trigger, and a message to a household member (a trigger's message, the household recommendations)
 * never shows a product of one of them.
 *
 * <p>An entry is a category path, compared without regard to case. It matches its own path and
 * everything below it ({@code Baby} matches {@code Baby/Nappies}); an entry without a {@code /}
 * also matches a category of that name at any level ({@code Health} matches {@code Beauty/Health}),
 * because shops file the same thing under different departments.
 */
@ConfigurationProperties(SensitiveCategories.PREFIX)
public class SensitiveCategories {
  public static final String PREFIX = "affinity.privacy";

  /** The default list: what a household member is most likely not to want shared. */
  public static final List<String> DEFAULT_CATEGORIES =
      List.of("Health", "Baby", "Adult", "Pharmacy", "Pregnancy", "Sexual Wellness");

  private List<String> categories = DEFAULT_CATEGORIES;
  private List<List<String>> parsed = parse(DEFAULT_CATEGORIES);

  /** The sensitive category paths; an empty list turns the protection off. */
  public List<String> getSensitiveCategories() {
    return categories;
  }

  /**
   * Sets the list.
   *
   * @throws IllegalArgumentException if an entry is blank
   */
  public void setSensitiveCategories(List<String> categories) {
    List<List<String>> p = parse(categories);
    this.categories = List.copyOf(categories);
    this.parsed = p;
  }

  /** Whether a product in category {@code path} is sensitive; a product without one is not. */
  public boolean isSensitive(@Nullable String path) {
    if (path == null || path.isBlank()) {
      return false;
    }
    List<String> segments = segments(path);
    for (List<String> entry : parsed) {
      if (startsWith(segments, entry) || (entry.size() == 1 && segments.contains(entry.get(0)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(List<String> segments, List<String> prefix) {
    return segments.size() >= prefix.size() && segments.subList(0, prefix.size()).equals(prefix);
  }

  private static List<List<String>> parse(List<String> entries) {
    List<List<String>> out = new ArrayList<>();
    for (String entry : entries) {
      List<String> segments = entry == null ? List.of() : segments(entry);
      if (segments.isEmpty()) {
        throw new IllegalArgumentException(
            PREFIX + ".sensitive-categories must not hold a blank entry, got '" + entry + "'");
      }
      out.add(segments);
    }
    return out;
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String part : path.split("/")) {
      String p = part.strip().toLowerCase(Locale.ROOT);
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }
}
