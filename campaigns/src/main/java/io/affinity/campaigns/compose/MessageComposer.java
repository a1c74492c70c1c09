package io.affinity.campaigns.compose;

/**
 * Renders the message one campaign recipient receives: their own recommendations and offers in the
 * campaign's template, with signed tracking and unsubscribe links. Delivery calls it once per
 * recipient, from several threads at once.
 */
public interface MessageComposer {

  /**
   * The version of a template that is current now, for a campaign to pin at launch.
   *
   * @throws io.affinity.core.error.NotFoundException if there is no such template
   */
  int currentVersion(long templateId);

  /**
   * The message for one recipient.
   *
   * @throws io.affinity.core.error.NotFoundException if the template version or the customer is
   *     gone
   */
  ComposedMessage compose(RecipientContext recipient);
}
