package io.affinity.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.affinity.core.customer.CustomerInput;
import io.affinity.core.customer.CustomerService;
import io.affinity.core.customer.CustomerView;
import io.affinity.core.error.InvalidInputException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class EventIngestorTest {
  @Inject EventIngestor ingestor;
  @Inject CustomerService customers;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  private EventInput purchase(String eventId, String customer, String product, int qty) {
    return new EventInput(
        eventId,
        "purchase",
        customer,
        product,
        "o-" + eventId,
        qty,
        new BigDecimal("2.50"),
        Instant.parse("2024-03-01T10:00:00.123Z"),
        null,
        "web");
  }

  @Test
  void storesABatchAndARetryAddsNothing() {
    String c = "c-" + run;
    List<EventInput> batch = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      batch.add(purchase(run + "-" + i, c, "p-" + run + "-" + (i % 7), 2));
    }

    IngestResult first = ingestor.ingest(batch);
    IngestResult retry = ingestor.ingest(batch);

    assertThat(first).isEqualTo(new IngestResult(2500, 2500, 0, 1, 7));
    assertThat(retry).isEqualTo(new IngestResult(2500, 0, 2500, 0, 0));
    CustomerView view = customers.find(c);
    assertThat(view.purchases().eventCount()).isEqualTo(2500);
    assertThat(view.purchases().orderCount()).isEqualTo(2500);
    assertThat(view.purchases().revenue()).isEqualByComparingTo("12500.00");
    assertThat(view.purchases().firstPurchaseAt()).isEqualTo("2024-03-01T10:00:00.123Z");
  }

  @Test
  void aBatchWithOneBadEventStoresNothingAndNamesTheEvent() {
    String c = "bad-" + run;
    List<EventInput> batch = new ArrayList<>();
    batch.add(purchase(run + "-ok", c, "p-" + run, 1));
    batch.add(purchase(run + "-neg", c, "p-" + run, -3));

    assertThatThrownBy(() -> ingestor.ingest(batch))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(err -> err.field())
                    .containsExactly("[1].quantity"));
    assertThatThrownBy(() -> customers.find(c)).hasMessageContaining("No customer");
  }

  @Test
  void campaignResponsesNeedAKnownCustomerAndRollBackTheWholeBatch() {
    String known = "k-" + run;
    List<EventInput> batch =
        List.of(
            purchase(run + "-p", known, "p-" + run, 1),
            new EventInput(
                run + "-o", "open", "ghost-" + run, null, null, null, null, null, 7L, "email"));

    assertThatThrownBy(() -> ingestor.ingest(batch))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors().get(0).field()).isEqualTo("[1].customerId"));
    assertThatThrownBy(() -> customers.find(known)).hasMessageContaining("No customer");
  }

  @Test
  void anUnsubscribeWithdrawsConsent() {
    String c = "u-" + run;
    customers.upsert(
        new CustomerInput(
            c, "u@example.com", "U", null, true, "signup", null, "email", null, null, null, null));
    assertThat(customers.find(c).consent().email()).isTrue();

    ingestor.ingest(
        List.of(
            new EventInput(
                run + "-u", "unsubscribe", c, null, null, null, null, null, 3L, "shop")));

    CustomerView view = customers.find(c);
    assertThat(view.consent().email()).isFalse();
    assertThat(view.consent().source()).isEqualTo("unsubscribe-event");
    assertThat(view.consent().suppressed()).isEqualTo("unsubscribed");
    assertThat(view.consent().history().get(0).evidence())
        .contains(run + "-u")
        .contains("campaign 3");
    assertThat(view.recentEvents()).extracting(EventView::type).containsExactly("unsubscribe");
  }

  @Test
  void eventsWithoutAnIdAreDeduplicatedByContent() {
    String c = "d-" + run;
    EventInput e =
        new EventInput(
            null,
            "view",
            c,
            "p-" + run,
            null,
            null,
            null,
            Instant.parse("2024-01-01T00:00:00Z"),
            null,
            null);
    assertThat(ingestor.ingest(List.of(e)).stored()).isEqualTo(1);
    assertThat(ingestor.ingest(List.of(e)).duplicates()).isEqualTo(1);
  }
}
