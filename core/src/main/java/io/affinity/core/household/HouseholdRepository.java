package io.affinity.core.household;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Households by internal or external id. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface HouseholdRepository extends CrudRepository<Household, Long> {
  Optional<Household> findByExternalId(String externalId);

  List<Household> findByExternalIdIn(Collection<String> externalIds);
}
