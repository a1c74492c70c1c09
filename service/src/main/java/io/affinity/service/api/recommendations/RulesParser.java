package io.affinity.service.api.recommendations;

import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.affinity.recommender.serving.Rules;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the business rules and the limit from query parameters, reporting every bad one by name:
 * {@code limit}, {@code includeCategory}, {@code excludeCategory}, {@code minPrice}, {@code
 * maxPrice}, {@code inStockOnly}, {@code boost} ({@code field:value:factor}), {@code exclude},
 * {@code includePurchased}, {@code backfill} ({@code popular} or {@code trending}).
 */
public final class RulesParser {
  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 100;
  private static final double MAX_BOOST = 100;

  /**
   * The query parameters of {@link RuleParams}, which every recommendation and offer call takes.
   */
  public static final Set<String> RULE_PARAMETERS =
      Set.of(
          "limit",
          "includeCategory",
          "excludeCategory",
          "minPrice",
          "maxPrice",
          "inStockOnly",
          "boost",
          "exclude",
          "includePurchased",
          "backfill");

  private final List<FieldError> errors = new ArrayList<>();

  /**
   * Reports each of {@code given} that is neither a rule parameter nor one of {@code extra}: a typo
   * such as {@code maxprice} would otherwise be ignored and the answer silently unfiltered.
   */
  public void onlyKnown(Collection<String> given, String... extra) {
    Set<String> known = new TreeSet<>(RULE_PARAMETERS);
    known.addAll(List.of(extra));
    for (String name : new TreeSet<>(given)) {
      if (!known.contains(name)) {
        errors.add(new FieldError(name, "unknown parameter; the known ones are " + known));
      }
    }
  }

  /** The limit, 1 to {@link #MAX_LIMIT}. */
  public int limit(@Nullable String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(
        new FieldError(
            "limit", "must be a whole number from 1 to " + MAX_LIMIT + ", got '" + value + "'"));
    return DEFAULT_LIMIT;
  }

  /** The rules of {@code p}. */
  public Rules rules(RuleParams p) {
    return rules(
        p.includeCategory(),
        p.excludeCategory(),
        p.minPrice(),
        p.maxPrice(),
        p.inStockOnly(),
        p.boost(),
        p.exclude(),
        p.includePurchased(),
        p.backfill());
  }

  /** The rules. */
  Rules rules(
      @Nullable List<String> includeCategory,
      @Nullable List<String> excludeCategory,
      @Nullable String minPrice,
      @Nullable String maxPrice,
      @Nullable String inStockOnly,
      @Nullable List<String> boost,
      @Nullable List<String> exclude,
      @Nullable String includePurchased,
      @Nullable String backfill) {
    Double min = price("minPrice", minPrice);
    Double max = price("maxPrice", maxPrice);
    if (min != null && max != null && min > max) {
      errors.add(
          new FieldError("minPrice", "must not exceed maxPrice (" + min + " > " + max + ")"));
    }
    List<Rules.Boost> boosts = new ArrayList<>();
    for (String b : nonNull(boost)) {
      Rules.Boost parsed = boost(b);
      if (parsed != null) {
        boosts.add(parsed);
      }
    }
    return new Rules(
        categories("includeCategory", includeCategory),
        categories("excludeCategory", excludeCategory),
        min,
        max,
        bool("inStockOnly", inStockOnly, true),
        boosts,
        new LinkedHashSet<>(nonNull(exclude)),
        bool("includePurchased", includePurchased, false),
        backfill(backfill));
  }

  /** An optional positive number, such as a price ratio. */
  public Double positive(String name, @Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(value.trim());
      if (d > 0 && Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError(name, "must be a positive number, got '" + value + "'"));
    return null;
  }

  /** Whether {@code scope} asks for the household ({@code customer} by default). */
  boolean householdScope(@Nullable String scope) {
    if (scope == null || scope.equalsIgnoreCase("customer")) {
      return false;
    }
    if (scope.equalsIgnoreCase("household")) {
      return true;
    }
    errors.add(new FieldError("scope", "must be customer or household, got '" + scope + "'"));
    return false;
  }

  /** An ISO-8601 instant, or {@code now} when absent. */
  Instant instant(String name, @Nullable String value, Instant now) {
    if (value == null) {
      return now;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError(
              name, "must be an ISO-8601 time such as 2024-05-01T10:00:00Z, got '" + value + "'"));
      return now;
    }
  }

  /** Throws every problem found so far, if any. */
  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors.size() + " invalid parameter(s)", errors);
    }
  }

  private Rules.Backfill backfill(@Nullable String value) {
    if (value == null) {
      return Rules.Backfill.POPULAR;
    }
    for (Rules.Backfill b : Rules.Backfill.values()) {
      if (b.name().equalsIgnoreCase(value.trim())) {
        return b;
      }
    }
    errors.add(new FieldError("backfill", "must be popular or trending, got '" + value + "'"));
    return Rules.Backfill.POPULAR;
  }

  private Set<String> categories(String name, @Nullable List<String> values) {
    Set<String> set = new LinkedHashSet<>();
    for (String v : nonNull(values)) {
      if (v.isBlank()) {
        errors.add(new FieldError(name, "must not be empty"));
      } else {
        set.add(v.trim());
      }
    }
    return set;
  }

  private Double price(String name, @Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(value.trim());
      if (d >= 0 && Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError(name, "must be a number of 0 or more, got '" + value + "'"));
    return null;
  }

  private boolean bool(String name, @Nullable String value, boolean fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    errors.add(new FieldError(name, "must be true or false, got '" + value + "'"));
    return fallback;
  }

  private Rules.Boost boost(String value) {
    String[] parts = value.split(":");
    String problem = null;
    if (parts.length != 3) {
      problem = "must be field:value:factor, such as brand:Acme:2, got '" + value + "'";
    } else if (!parts[0].equals("brand") && !parts[0].equals("category")) {
      problem = "field must be brand or category, got '" + parts[0] + "'";
    } else {
      try {
        double factor = Double.parseDouble(parts[2]);
        if (factor > 0 && factor <= MAX_BOOST) {
          return new Rules.Boost(parts[0], parts[1], factor);
        }
        problem = "factor must be above 0 and at most " + MAX_BOOST + ", got " + parts[2];
      } catch (NumberFormatException e) {
        problem = "factor must be a number, got '" + parts[2] + "'";
      }
    }
    errors.add(new FieldError("boost", problem));
    return null;
  }

  private static List<String> nonNull(@Nullable List<String> values) {
    return values == null ? List.of() : values;
  }
}
