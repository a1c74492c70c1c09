package io.affinity.core.product;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Products by internal or external id. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ProductRepository extends CrudRepository<Product, Long> {
  Optional<Product> findByExternalId(String externalId);

  List<Product> findByExternalIdIn(Collection<String> externalIds);
}
