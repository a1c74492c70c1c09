package io.affinity.campaigns.compose;

import io.affinity.campaigns.templates.CompiledTemplate;
import io.affinity.campaigns.templates.RenderCancellation;
import io.affinity.campaigns.templates.RenderCancelledException;
import io.affinity.campaigns.templates.TemplateCache;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.campaigns.templates.TemplateVersion;
import io.affinity.core.customer.Customer;
import io.affinity.core.customer.CustomerRepository;
import io.affinity.core.error.NotFoundException;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Renders a template for any customer as a campaign would, but with preview links (campaign and
 * recipient 0, marked {@code ?preview=1}) that record nothing when followed, and offers that are
 * not recorded as shown. Counts the previews being made, so that one can see that a cancelled one
 * has stopped.
 */
@Singleton
public class MessagePreview {
  private final FreemarkerMessageComposer composer;
  private final TemplateService templates;
  private final TemplateCache cache;
  private final CustomerRepository customers;
  private final AtomicInteger inFlight = new AtomicInteger();

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
    return preview(templateId, version, customerId, null);
  }

  /**
   * {@link #preview(long, Integer, String)} that {@code cancellation} (when not null) stops early,
   * from any thread: the render stops at once, and a preview cancelled before its render starts
   * does not render at all.
   *
   * @throws NotFoundException for an unknown template, version or customer
   * @throws RenderCancelledException when it was cancelled
   */
  public PreviewResult preview(
      long templateId, Integer version, String customerId, RenderCancellation cancellation) {
    inFlight.incrementAndGet();
    try {
      int v = version != null ? version : templates.currentVersion(templateId);
      Customer customer = customer(customerId);
      if (cancellation != null && cancellation.isCancelled()) {
        throw new RenderCancelledException(templateId, v);
      }
      ComposedMessage m =
          composer.render(
              cache.get(templateId, v),
              customer,
              new MessageModel.Target(0, 0, "preview"),
              cancellation);
      return new PreviewResult(
          templateId, v, customerId, m.subject(), m.html(), m.text(), m.unsubscribeUrl());
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /**
   * A draft that is not saved (see {@link TemplateService#draft}) rendered for customer {@code
   * customerId} as {@link #preview(long, Integer, String, RenderCancellation)} renders a saved
   * version: the same model, render limits and preview links; the result names template 0 v0.
   *
   * @throws NotFoundException for an unknown customer
   * @throws RenderCancelledException when it was cancelled
   */
  public PreviewResult previewDraft(
      TemplateVersion draft, String customerId, RenderCancellation cancellation) {
    inFlight.incrementAndGet();
    try {
      Customer customer = customer(customerId);
      if (cancellation != null && cancellation.isCancelled()) {
        throw new RenderCancelledException(draft.templateId(), draft.version());
      }
      ComposedMessage m =
          composer.render(
              CompiledTemplate.of(draft),
              customer,
              new MessageModel.Target(0, 0, "preview"),
              cancellation);
      return new PreviewResult(
          draft.templateId(),
          draft.version(),
          customerId,
          m.subject(),
          m.html(),
          m.text(),
          m.unsubscribeUrl());
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** How many previews are being made now (rendering or reading what they show). */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * The message customer {@code customerId} (the shop's id) would get from template {@code
   * templateId} at {@code version} in arm {@code arm}, with preview links; the offers in it are not
   * recorded as shown. What a test send mails.
   *
   * @throws NotFoundException for an unknown template, version or customer
   */
  public ComposedMessage message(long templateId, int version, String customerId, String arm) {
    return composer.render(
        cache.get(templateId, version), customer(customerId), new MessageModel.Target(0, 0, arm));
  }

  private Customer customer(String customerId) {
    return customers
        .findByExternalId(customerId)
        .orElseThrow(() -> new NotFoundException("customer", customerId));
  }
}
