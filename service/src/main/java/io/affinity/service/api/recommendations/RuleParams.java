package io.affinity.service.api.recommendations;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;

/**
 * The query parameters every recommendation and offer call takes, bound as one request bean and
 * read by {@link RulesParser}, which reports each bad one by name.
 *
 * @param limit 1 to 100 items, 10 by default
 * @param includeCategory only these categories (repeatable; any level of the path)
 * @param excludeCategory never these categories (repeatable)
 * @param minPrice lowest price, inclusive
 * @param maxPrice highest price, inclusive
 * @param inStockOnly leave out items out of stock (true by default)
 * @param boost {@code brand:Acme:2} or {@code category:Garden:1.5} (repeatable)
 * @param exclude item ids never to show (repeatable)
 * @param includePurchased show items already bought (false by default)
 * @param backfill {@code popular} (default) or {@code trending}
 */
@Introspected
public record RuleParams(
    @Nullable @QueryValue String limit,
    @Nullable @QueryValue List<String> includeCategory,
    @Nullable @QueryValue List<String> excludeCategory,
    @Nullable @QueryValue String minPrice,
    @Nullable @QueryValue String maxPrice,
    @Nullable @QueryValue String inStockOnly,
    @Nullable @QueryValue List<String> boost,
    @Nullable @QueryValue List<String> exclude,
    @Nullable @QueryValue String includePurchased,
    @Nullable @QueryValue String backfill) {}
