package io.affinity.campaigns.compose;

import io.affinity.campaigns.templates.TemplateCache;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.core.customer.Customer;
import io.affinity.core.customer.CustomerRepository;
import io.affinity.core.error.NotFoundException;
import jakarta.inject.Singleton;

/**
 * Renders a template for any customer as a campaign would, but with preview links (campaign and
 * recipient 0, marked {@code ?preview=1}) that record nothing when followed.
 */
@Singleton
public class MessagePreview {
  private final FreemarkerMessageComposer composer;
  private final TemplateService templates;
  private final TemplateCache cache;
  private final CustomerRepository customers;

  MessagePreview(
      FreemarkerMessageComposer composer,
      TemplateService templates,
      TemplateCache cache,
      CustomerRepository customers) {
    this.composer = composer;
    this.templates = templates;
    this.cache = cache;
    this.customers = customers;
  }

  /**
   * Template {@code templateId} at {@code version} (the current one when null) for customer {@code
   * customerId} (the shop's id).
   *
   * @throws NotFoundException for an unknown template, version or customer
   */
  public PreviewResult preview(long templateId, Integer version, String customerId) {
    int v = version != null ? version : templates.currentVersion(templateId);
    Customer customer =
        customers
            .findByExternalId(customerId)
            .orElseThrow(() -> new NotFoundException("customer", customerId));
    ComposedMessage m =
        composer.render(
            cache.get(templateId, v), customer, new MessageModel.Target(0, 0, "preview"));
    return new PreviewResult(
        templateId, v, customerId, m.subject(), m.html(), m.text(), m.unsubscribeUrl());
  }
}
