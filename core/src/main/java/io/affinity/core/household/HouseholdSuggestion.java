package io.affinity.core.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Customers who look like one household: the same surname at the same normalised address and
 * postcode. A suggestion only; nothing is merged until the shop says so.
 *
 * @param surname the shared surname, lower case
 * @param address the shared address, normalised
 * @param postcode the shared postcode, normalised
 * @param households the households some of them are already in (differing, or none)
 * @param customers the shop's ids of the customers
 */
@Serdeable
public record HouseholdSuggestion(
    String surname,
    String address,
    String postcode,
    List<String> households,
    List<String> customers,
    @Nullable String reason) {}
