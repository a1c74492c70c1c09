package io.affinity.core.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.consent.ConsentDecision.Outcome;
import io.affinity.core.customer.CustomerBulkInsert;
import io.affinity.core.customer.CustomerInput;
import io.affinity.core.customer.CustomerService;
import io.affinity.core.customer.CustomerView;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class ConsentLedgerTest {
  @Inject ConsentLedger ledger;
  @Inject SuppressionList suppressions;
  @Inject CustomerService customers;
  @Inject CustomerBulkInsert bulk;
  @Inject TransactionOperations<Connection> tx;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  private CustomerInput input(String id, Boolean consent) {
    return new CustomerInput(
        id,
        id + "@Example.com",
        "N",
        null,
        consent,
        "shop-form",
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private long idOf(String externalId) {
    return tx.executeRead(
        s -> {
          try (PreparedStatement ps =
              s.getConnection()
                  .prepareStatement("SELECT id FROM customers WHERE external_id = ?")) {
            ps.setString(1, externalId);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private String suppression(String address) {
    return tx.executeRead(
        s -> {
          try {
            return suppressions.reason(s.getConnection(), address);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void aOneClickUnsubscribeSuppressesTheAddressAndOnlyADoubleOptInLiftsIt() {
    String id = "ledger-" + run;
    customers.upsert(input(id, true));
    long cid = idOf(id);
    long now = System.currentTimeMillis();

    List<ConsentDecision> decisions =
        ledger.record(
            List.of(
                ConsentStatement.email(cid, false, now, ConsentSource.ONE_CLICK, "campaign 1")
                    .byPerson("192.0.2.1", "Mail/1.0"),
                ConsentStatement.email(cid, true, now + 1, ConsentSource.API, null),
                ConsentStatement.email(cid, true, now + 2, ConsentSource.IMPORT, null)));

    assertThat(decisions)
        .extracting(ConsentDecision::outcome)
        .containsExactly(Outcome.APPLIED, Outcome.REFUSED, Outcome.REFUSED);
    // Suppressed under the normalised address, whatever its case or spaces.
    assertThat(suppression("  " + id.toUpperCase() + "@EXAMPLE.COM ")).isEqualTo("unsubscribed");
    assertThat(customers.find(id).consent().email()).isFalse();

    ConsentDecision confirmed =
        ledger
            .record(
                List.of(
                    ConsentStatement.email(
                        cid, true, now + 3, ConsentSource.DOUBLE_OPT_IN, "confirmation x")))
            .get(0);
    assertThat(confirmed.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(suppression(id + "@example.com")).isNull();
    CustomerView.Consent consent = customers.find(id).consent();
    assertThat(consent.email()).isTrue();
    assertThat(consent.source()).isEqualTo("double-opt-in");
    // Every statement is kept, newest first: the grant, the refused syncs, the one-click, the
    // first grant.
    assertThat(consent.history())
        .extracting(ConsentEntry::source)
        .containsExactly("double-opt-in", "import", "api", "one-click", "api");
    assertThat(consent.history().get(3).ip()).isEqualTo("192.0.2.1");
    assertThat(consent.history().get(3).userAgent()).isEqualTo("Mail/1.0");
  }

  @Test
  void aComplaintWithdrawsAndSuppressesEvenWhenConsentWasWithdrawnBefore() {
    String id = "complaint-" + run;
    customers.upsert(input(id, true));
    long cid = idOf(id);
    customers.upsert(
        new CustomerInput(
            id, null, null, null, false, null, Instant.now(), null, null, null, null, null));
    assertThat(suppression(id + "@example.com")).isNull();

    ledger.record(
        List.of(
            ConsentStatement.email(
                cid, false, System.currentTimeMillis(), ConsentSource.COMPLAINT, "arf")));

    assertThat(suppression(id + "@example.com")).isEqualTo("complained");
  }

  @Test
  void aBulkLoadRecordsEachGrantInTheLedger() {
    String yes = "bulk-yes-" + run;
    String no = "bulk-no-" + run;
    bulk.insertNew(List.of(input(yes, true), input(no, false)));

    CustomerView.Consent granted = customers.find(yes).consent();
    assertThat(granted.state()).isEqualTo("granted");
    assertThat(granted.history())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source()).isEqualTo("import");
              assertThat(e.applied()).isTrue();
            });
    CustomerView.Consent none = customers.find(no).consent();
    assertThat(none.state()).isEqualTo("none");
    assertThat(none.email()).isFalse();
    assertThat(none.history()).isEmpty();
  }

  @Test
  void aStatementDatedInTheFutureCountsFromNow() {
    String id = "future-" + run;
    customers.upsert(input(id, true));
    long cid = idOf(id);
    long before = System.currentTimeMillis();
    ledger.record(
        List.of(
            ConsentStatement.email(
                cid, false, before + 86_400_000L * 365, ConsentSource.API, null)));
    CustomerView.Consent c = customers.find(id).consent();
    assertThat(c.state()).isEqualTo("withdrawn");
    assertThat(c.at().toEpochMilli()).isBetween(before, System.currentTimeMillis());
  }
}
