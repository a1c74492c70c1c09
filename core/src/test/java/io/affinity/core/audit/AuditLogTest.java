package io.affinity.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.consent.SuppressionList;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class AuditLogTest {
  @Inject AuditLog audit;
  @Inject SuppressionList suppressions;
  @Inject TransactionOperations<Connection> tx;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTx(Work<T> work) {
    return tx.executeWrite(
        status -> {
          try {
            return work.run(status.getConnection());
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void aCustomerIsNamedByAKeyedHashThatIsNeitherTheIdNorItsAddressHash() {
    String id = "ann@" + run + ".example";

    String subject = audit.customerSubject(id);

    assertThat(subject).hasSize(64).doesNotContain(run).isEqualTo(audit.customerSubject(id));
    assertThat(subject).isNotEqualTo(suppressions.hash(id));
    assertThat(audit.customerSubject(id + "x")).isNotEqualTo(subject);
  }

  @Test
  void linesAreReadBackBySubjectAndAction() {
    String subject = audit.customerSubject("c-" + run);
    inTx(c -> audit.append(c, "key-a", AuditLog.EXPORT, AuditLog.CUSTOMER, subject, "first"));
    inTx(c -> audit.append(c, "key-b", AuditLog.ERASE, AuditLog.CUSTOMER, subject, null));

    List<AuditEntry> all = inTx(c -> audit.about(c, AuditLog.CUSTOMER, subject, null));
    List<AuditEntry> erasures =
        inTx(c -> audit.about(c, AuditLog.CUSTOMER, subject, AuditLog.ERASE));

    assertThat(all)
        .extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("export", "key-a", "first"),
            org.assertj.core.groups.Tuple.tuple("erase", "key-b", null));
    assertThat(erasures).singleElement().extracting(AuditEntry::actor).isEqualTo("key-b");
    // Newest first; other tests may append too, so only the limit is checked.
    assertThat(inTx(c -> audit.latest(c, 1)).size()).isEqualTo(1);
  }
}
