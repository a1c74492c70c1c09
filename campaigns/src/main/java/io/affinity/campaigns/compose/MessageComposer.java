package io.affinity.campaigns.compose;

import java.util.List;

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

  /**
   * A composer for one claimed batch: what the messages of {@code batch} need from the database
   * (customer rows, histories) is read once for all of them instead of once per message. It
   * composes the same messages as this one, as of the time of this call; recipients outside the
   * batch are composed one by one.
   */
  default MessageComposer forBatch(List<RecipientContext> batch) {
    return this;
  }
}
