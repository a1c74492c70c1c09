package io.affinity.recommender.serving;

import io.affinity.core.attributes.AttributesCodec;
import io.affinity.recommender.index.Categories;
import io.affinity.recommender.index.LiveItem;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How alike two products are by what the catalogue says of them, from 0 to 1: what stands in for
 * co-occurrence while a product is too new to have any. Half of it is the category (the share of
 * the deeper path that both have in common), then the brand (0.2), the price tier (0.15, falling to
 * 0 at twice or half the price) and the attributes (0.15, the share of equal entries).
 */
public final class ContentSimilarity {
  /** The least similarity that makes a content neighbour: the same category, or near it. */
  public static final double MIN = 0.5;

  private static final double CATEGORY = 0.5;
  private static final double BRAND = 0.2;
  private static final double PRICE = 0.15;
  private static final double ATTRIBUTES = 0.15;

  @Nullable private final AttributesCodec attributes;

  /** Compares attributes too when {@code attributes} is given. */
  public ContentSimilarity(@Nullable AttributesCodec attributes) {
    this.attributes = attributes;
  }

  /** The similarity of {@code a} and {@code b}, in [0, 1]. */
  public double of(LiveItem a, LiveItem b) {
    double s = CATEGORY * category(a.categoryPath(), b.categoryPath());
    if (a.brand() != null && a.brand().equals(b.brand())) {
      s += BRAND;
    }
    if (a.price() != null && b.price() != null && a.price() > 0 && b.price() > 0) {
      s += PRICE * Math.max(0, 1 - Math.abs(Math.log(a.price() / b.price())) / Math.log(2));
    }
    if (attributes != null && a.attributes() != null && b.attributes() != null) {
      s +=
          ATTRIBUTES * attributes(attributes.read(a.attributes()), attributes.read(b.attributes()));
    }
    return s;
  }

  /** What {@code a} and {@code b} have in common, in words: "same category, brand". */
  public static String basis(LiveItem a, LiveItem b) {
    List<String> parts = new ArrayList<>();
    if (a.categoryPath() != null && a.categoryPath().equals(b.categoryPath())) {
      parts.add("category");
    }
    if (a.brand() != null && a.brand().equals(b.brand())) {
      parts.add("brand");
    }
    return parts.isEmpty() ? "" : " (same " + String.join(", ", parts) + ")";
  }

  private static double category(@Nullable String a, @Nullable String b) {
    if (a == null || b == null) {
      return 0;
    }
    List<String> pa = Categories.prefixes(a);
    List<String> pb = Categories.prefixes(b);
    int deeper = Math.max(pa.size(), pb.size());
    int shared = 0;
    while (shared < Math.min(pa.size(), pb.size()) && pa.get(shared).equals(pb.get(shared))) {
      shared++;
    }
    return deeper == 0 ? 0 : (double) shared / deeper;
  }

  private static double attributes(Map<String, Object> a, Map<String, Object> b) {
    Set<String> keys = new HashSet<>(a.keySet());
    keys.addAll(b.keySet());
    if (keys.isEmpty()) {
      return 0;
    }
    long equal =
        keys.stream().filter(k -> a.containsKey(k) && Objects.equals(a.get(k), b.get(k))).count();
    return (double) equal / keys.size();
  }
}
