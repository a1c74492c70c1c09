package io.affinity.campaigns.compose;

import io.affinity.campaigns.templates.TemplateCache;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.core.customer.Customer;
import io.affinity.core.customer.CustomerRepository;
import io.affinity.core.error.NotFoundException;
import jakarta.inject.Singleton;

/**
 * Renders a template for any customer as a campaign would, but with preview links (campaign and
 * recipient 0, marked {@code ?preview=1}) that record nothing when followed, and offers that are
 * not recorded as shown.
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
    ComposedMessage m = message(templateId, v, customerId, "preview");
    return new PreviewResult(
        templateId, v, customerId, m.subject(), m.html(), m.text(), m.unsubscribeUrl());
  }

  /**
   * The message customer {@code customerId} (the shop's id) would get from template {@code
   * templateId} at {@code version} in arm {@code arm}, with preview links; the offers in it are not
   * recorded as shown. What a test send mails.
   *
   * @throws NotFoundException for an unknown template, version or customer
   */
  public ComposedMessage message(long templateId, int version, String customerId, String arm) {
    Customer customer =
        customers
            .findByExternalId(customerId)
            .orElseThrow(() -> new NotFoundException("customer", customerId));
    return composer.render(
        cache.get(templateId, version), customer, new MessageModel.Target(0, 0, arm));
  }
}
