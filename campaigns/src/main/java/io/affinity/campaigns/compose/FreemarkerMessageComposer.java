package io.affinity.campaigns.compose;

import io.affinity.campaigns.templates.CompiledTemplate;
import io.affinity.campaigns.templates.RenderCancellation;
import io.affinity.campaigns.templates.RenderCancelledException;
import io.affinity.campaigns.templates.RenderLimits;
import io.affinity.campaigns.templates.TemplateCache;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.campaigns.templates.TemplatesConfiguration;
import io.affinity.campaigns.tracking.TrackingLinks;
import io.affinity.core.customer.Customer;
import io.affinity.core.customer.CustomerRepository;
import io.affinity.core.error.NotFoundException;
import io.affinity.recommender.serving.HistoryReader;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Composes campaign messages with Freemarker: the pinned template version (parsed once, cached),
 * the recipient's own recommendations and offers, signed click links per item and slot, the open
 * pixel and the one-click unsubscribe link. Thread-safe; no reflection per call (the model is plain
 * maps and lists).
 *
 * <p>{@link #compose} throws {@link io.affinity.campaigns.templates.TemplateRenderException} when
 * the template fails for this recipient (the message names the line, not the data), its subclass
 * {@link io.affinity.campaigns.templates.TemplateLimitException} when the template goes past the
 * render time or output limit ({@code affinity.templates.render-timeout}, {@code max-output}: the
 * calling thread is back within the limit), and {@link io.affinity.core.error.UnavailableException}
 * when no model is trained yet. {@code ComposedMessage.to()} is null for a customer without an
 * address: delivery suppresses them.
 */
@Singleton
public class FreemarkerMessageComposer implements MessageComposer {
  private final TemplateService templates;
  private final TemplateCache cache;
  private final CustomerRepository customers;
  private final RecipientDataLoader loader;
  private final TrackingLinks links;
  private final Map<String, Object> fmt;
  private final RenderLimits limits;

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
    this.limits = config.limits();
  }

  @Override
  public int currentVersion(long templateId) {
    return templates.currentVersion(templateId);
  }

  @Override
  public ComposedMessage compose(RecipientContext recipient) {
    Customer customer =
        customers
            .findById(recipient.customerId())
            .orElseThrow(
                () -> new NotFoundException("customer", Long.toString(recipient.customerId())));
    return compose(recipient, customer, null);
  }

  @Override
  public MessageComposer forBatch(List<RecipientContext> batch) {
    if (batch.isEmpty()) {
      return this;
    }
    Set<Long> ids = new HashSet<>();
    boolean recommends = false;
    for (RecipientContext r : batch) {
      ids.add(r.customerId());
      recommends |= usesRecommendations(r);
    }
    Map<Long, Customer> byId = new HashMap<>();
    for (Customer c : customers.findByIdIn(ids)) {
      byId.put(c.id(), c);
    }
    Map<Long, HistoryReader.CustomerHistory> histories =
        recommends ? loader.histories(ids) : Map.of();
    return new BatchComposer(this, byId, histories);
  }

  // A missing template fails its own messages when they are composed, not the whole batch.
  private boolean usesRecommendations(RecipientContext r) {
    try {
      CompiledTemplate t = cache.get(r.templateId(), r.templateVersion());
      return t.usesRecommendations() || t.usesHouseholdRecommendations();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** {@link #compose} with the customer row and history read beforehand (history may be null). */
  ComposedMessage compose(
      RecipientContext recipient,
      Customer customer,
      HistoryReader.@Nullable CustomerHistory history) {
    CompiledTemplate template = cache.get(recipient.templateId(), recipient.templateVersion());
    return render(
        template,
        customer,
        new MessageModel.Target(recipient.campaignId(), recipient.recipientId(), recipient.arm()),
        recipient.triggerProductId(),
        history,
        null);
  }

  /** Renders {@code template} for {@code customer} with links for {@code target}. */
  ComposedMessage render(CompiledTemplate template, Customer customer, MessageModel.Target target) {
    return render(template, customer, target, null, null, null);
  }

  /**
   * Renders {@code template} for {@code customer} with links for {@code target}; {@code
   * cancellation} stops the render early.
   *
   * @throws RenderCancelledException when it was cancelled
   */
  ComposedMessage render(
      CompiledTemplate template,
      Customer customer,
      MessageModel.Target target,
      RenderCancellation cancellation) {
    return render(template, customer, target, null, null, cancellation);
  }

  /**
   * Renders {@code template} for {@code customer} with links for {@code target}, anchored on the
   * trigger product {@code triggerProductId} when it is not null; {@code history} is the customer's
   * history read beforehand, or null to read it now; {@code cancellation}, when not null, stops the
   * render early.
   */
  private ComposedMessage render(
      CompiledTemplate template,
      Customer customer,
      MessageModel.Target target,
      @Nullable Long triggerProductId,
      HistoryReader.@Nullable CustomerHistory history,
      @Nullable RenderCancellation cancellation) {
    // A preview (or test send) is seen by a marketer, not the customer: no offer exposure.
    RecipientData data =
        loader.load(customer, template, triggerProductId, history, !target.preview());
    CompiledTemplate.Rendered r =
        template.render(MessageModel.build(data, target, links, fmt), limits, cancellation);
    return new ComposedMessage(
        customer.email(),
        customer.name(),
        r.subject(),
        r.html(),
        r.text(),
        links.unsubscribe(target.campaignId(), target.recipientId()));
  }
}
