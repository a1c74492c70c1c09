package io.affinity.service.api.customers;

import io.affinity.core.customer.UpsertWarning;
import io.affinity.core.household.HouseholdSuggestion;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What a customer batch upsert did, and, when asked for, the households its customers seem to form
 * with each other or with customers already stored. Suggestions only: nothing is merged.
 *
 * @param received customers in the request
 * @param created customers that were new
 * @param updated customers that existed and were updated
 * @param warnings what was stored otherwise than sent: consent statements recorded in the ledger
 *     but not applied (the customer withdrew, the address is suppressed, or the statement is older
 *     than the one on record), each naming the customer and why
 * @param householdSuggestions groups with the same surname and address that involve the batch;
 *     absent unless {@code matchHouseholds=true}
 */
@Serdeable
public record CustomerBatchResult(
    int received,
    int created,
    int updated,
    List<UpsertWarning> warnings,
    @Nullable List<HouseholdSuggestion> householdSuggestions) {}
