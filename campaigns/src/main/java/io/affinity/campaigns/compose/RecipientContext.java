package io.affinity.campaigns.compose;

import io.micronaut.core.annotation.Nullable;

/**
 * Who a message is for and which template renders it.
 *
 * @param campaignId the campaign sending it
 * @param recipientId the recipient row, which tracking tokens name
 * @param customerId our id of the customer
 * @param arm the variant the recipient was assigned to
 * @param templateId the template of that variant
 * @param templateVersion the version pinned at launch
 * @param triggerProductId for a recipient of a trigger, the product (our id) whose purchase fired
 *     it: the message's offers and recommendations are anchored on it; null for other campaigns
 */
public record RecipientContext(
    long campaignId,
    long recipientId,
    long customerId,
    String arm,
    long templateId,
    int templateVersion,
    @Nullable Long triggerProductId) {

  /** The context of a recipient of an ordinary campaign (no trigger product). */
  public RecipientContext(
      long campaignId,
      long recipientId,
      long customerId,
      String arm,
      long templateId,
      int templateVersion) {
    this(campaignId, recipientId, customerId, arm, templateId, templateVersion, null);
  }
}
