package io.affinity.service.api.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hostile query strings for the recommendation and offer endpoints, from a seeded {@link Random}:
 * unknown and misspelt names, values of the wrong kind, huge and non-finite numbers,
 * percent-encoded control characters and invalid UTF-8, repeated and empty parameters.
 */
final class QueryMutator {
  private static final String[] NAMES = {
    "limit", "includeCategory", "excludeCategory", "minPrice", "maxPrice", "inStockOnly", "boost",
    "exclude", "includePurchased", "backfill", "scope", "at", "minRatio", "maxRatio"
  };
  private static final String[] UNKNOWN = {
    "maxprice",
    "Limit",
    "LIMIT",
    "limit ",
    "min_price",
    "foo",
    "",
    "%00",
    "%FF",
    "a%5B%5D",
    "x.y",
    "includecategory",
    "apiKey"
  };
  private static final String[] VALUES = {
    "",
    "1",
    "0",
    "-1",
    "1.5",
    "100",
    "101",
    "2147483648",
    "99999999999999999999",
    "1e308",
    "1e309",
    "-1e309",
    "NaN",
    "Infinity",
    "-Infinity",
    "0x10",
    "%2B5",
    "true",
    "false",
    "TRUE",
    "yes",
    "popular",
    "trending",
    "household",
    "customer",
    "HOUSEHOLD",
    "brand:Acme:2",
    "category:Garden:1.5",
    "brand::",
    ":::",
    "brand:x:1e400",
    "brand:x:NaN",
    "brand:x:-1",
    "category:%00:1",
    "2024-05-01T10:00:00Z",
    "1700000000",
    "%2B999999999-12-31T23:59:59Z",
    "-999999999-01-01T00:00:00Z",
    "%00",
    "%FF%FE",
    "%C3%28",
    "%E2%80%AE",
    "%0D%0AX-Evil:%201",
    "%3Cscript%3E",
    "%24%7B7*7%7D",
    "a%20b",
    "%25",
    "%"
  };

  private final Random random;

  QueryMutator(Random random) {
    this.random = random;
  }

  /** A hostile query string, {@code ?} included (empty when no parameter is sent). */
  Hostile mutate(List<String> allowed) {
    List<String> parts = new ArrayList<>();
    int count = random.nextInt(5);
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(10);
      String name;
      if (kind < 2) {
        name = UNKNOWN[random.nextInt(UNKNOWN.length)];
      } else if (kind < 8) {
        name = allowed.get(random.nextInt(allowed.size()));
      } else {
        name = NAMES[random.nextInt(NAMES.length)];
      }
      String value =
          random.nextInt(20) == 0
              ? "x".repeat(1_000 + random.nextInt(3_000))
              : VALUES[random.nextInt(VALUES.length)];
      parts.add(random.nextInt(15) == 0 ? name : name + "=" + value);
    }
    if (random.nextInt(20) == 0) {
      // the same parameter many times
      for (int i = 0; i < 200; i++) {
        parts.add("exclude=item" + i);
      }
    }
    String query = parts.isEmpty() ? "" : "?" + String.join("&", parts);
    return new Hostile(JsonMutator.shorten(query), query.getBytes(StandardCharsets.UTF_8));
  }
}
