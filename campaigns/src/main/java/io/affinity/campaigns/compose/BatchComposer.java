package io.affinity.campaigns.compose;

import io.affinity.core.customer.Customer;
import io.affinity.recommender.serving.HistoryReader;
import java.util.Map;

/**
 * Composes the messages of one claimed batch from customer rows and histories read together
 * beforehand ({@link FreemarkerMessageComposer#forBatch}); anyone not read then is composed as
 * usual.
 */
final class BatchComposer implements MessageComposer {
  private final FreemarkerMessageComposer composer;
  private final Map<Long, Customer> customers;
  private final Map<Long, HistoryReader.CustomerHistory> histories;

  BatchComposer(
      FreemarkerMessageComposer composer,
      Map<Long, Customer> customers,
      Map<Long, HistoryReader.CustomerHistory> histories) {
    this.composer = composer;
    this.customers = customers;
    this.histories = histories;
  }

  @Override
  public int currentVersion(long templateId) {
    return composer.currentVersion(templateId);
  }

  @Override
  public ComposedMessage compose(RecipientContext recipient) {
    Customer customer = customers.get(recipient.customerId());
    if (customer == null) {
      return composer.compose(recipient); // gone since: the usual NotFoundException
    }
    return composer.compose(recipient, customer, histories.get(recipient.customerId()));
  }

  @Override
  public MessageComposer forBatch(java.util.List<RecipientContext> batch) {
    return composer.forBatch(batch);
  }
}
