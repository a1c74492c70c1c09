package io.affinity.core.customer;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Customers by internal or external id. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface CustomerRepository extends CrudRepository<Customer, Long> {
  Optional<Customer> findByExternalId(String externalId);

  List<Customer> findByExternalIdIn(Collection<String> externalIds);

  /** The customers with these internal ids (in no particular order; unknown ids are skipped). */
  List<Customer> findByIdIn(Collection<Long> ids);
}
