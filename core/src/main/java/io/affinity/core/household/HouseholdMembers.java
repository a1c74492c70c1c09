package io.affinity.core.household;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** Lists the members of a household, ordered by their id. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface HouseholdMembers extends GenericRepository<Household, Long> {
  /** The members of household {@code householdId}. */
  @Query(
      "SELECT external_id AS id, name, email FROM customers WHERE household_id = :householdId"
          + " ORDER BY external_id")
  List<HouseholdView.Member> of(long householdId);
}
