package io.affinity.campaigns.compose;

import io.affinity.campaigns.templates.CompiledTemplate;
import io.affinity.campaigns.templates.HtmlToText;
import io.affinity.campaigns.templates.TemplateCache;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.campaigns.templates.TemplatesConfiguration;
import io.affinity.campaigns.tracking.TrackingLinks;
import io.affinity.core.customer.Customer;
import io.affinity.core.customer.CustomerRepository;
import io.affinity.core.error.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Composes campaign messages with Freemarker: the pinned template version (parsed once, cached),
 * the recipient's own recommendations and offers, signed click links per item and slot, the open
 * pixel and the one-click unsubscribe link. Thread-safe; no reflection per call (the model is plain
 * maps and lists).
 *
 * <p>{@link #compose} throws {@link io.affinity.campaigns.templates.TemplateRenderException} when
 * the template fails for this recipient (the message names the line, not the data), and {@link
 * io.affinity.core.error.UnavailableException} when no model is trained yet. {@code
 * ComposedMessage.to()} is null for a customer without an address: delivery suppresses them.
 */
@Singleton
public class FreemarkerMessageComposer implements MessageComposer {
  private final TemplateService templates;
  private final TemplateCache cache;
  private final CustomerRepository customers;
  private final RecipientDataLoader loader;
  private final TrackingLinks links;
  private final Map<String, Object> fmt;

  FreemarkerMessageComposer(
      TemplateService templates,
      TemplateCache cache,
      CustomerRepository customers,
      RecipientDataLoader loader,
      TrackingLinks links,
      TemplatesConfiguration config) {
    this.templates = templates;
    this.cache = cache;
    this.customers = customers;
    this.loader = loader;
    this.links = links;
    this.fmt = new Formatters(config).helpers();
  }

  @Override
  public int currentVersion(long templateId) {
    return templates.currentVersion(templateId);
  }

  @Override
  public ComposedMessage compose(RecipientContext recipient) {
    CompiledTemplate template = cache.get(recipient.templateId(), recipient.templateVersion());
    Customer customer =
        customers
            .findById(recipient.customerId())
            .orElseThrow(
                () -> new NotFoundException("customer", Long.toString(recipient.customerId())));
    return render(
        template,
        customer,
        new MessageModel.Target(recipient.campaignId(), recipient.recipientId(), recipient.arm()),
        recipient.triggerProductId());
  }

  /** Renders {@code template} for {@code customer} with links for {@code target}. */
  ComposedMessage render(CompiledTemplate template, Customer customer, MessageModel.Target target) {
    return render(template, customer, target, null);
  }

  /**
   * Renders {@code template} for {@code customer} with links for {@code target}, anchored on the
   * trigger product {@code triggerProductId} when it is not null.
   */
  ComposedMessage render(
      CompiledTemplate template,
      Customer customer,
      MessageModel.Target target,
      @Nullable Long triggerProductId) {
    RecipientData data = loader.load(customer, template, triggerProductId);
    CompiledTemplate.Rendered r = template.render(MessageModel.build(data, target, links, fmt));
    String text = r.text() != null ? r.text() : HtmlToText.convert(r.html());
    return new ComposedMessage(
        customer.email(),
        customer.name(),
        r.subject(),
        r.html(),
        text,
        links.unsubscribe(target.campaignId(), target.recipientId()));
  }
}
