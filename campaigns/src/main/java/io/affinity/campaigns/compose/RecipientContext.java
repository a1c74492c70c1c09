package io.affinity.campaigns.compose;

/**
 * Who a message is for and which template renders it.
 *
 * @param campaignId the campaign sending it
 * @param recipientId the recipient row, which tracking tokens name
 * @param customerId our id of the customer
 * @param arm the variant the recipient was assigned to
 * @param templateId the template of that variant
 * @param templateVersion the version pinned at launch
 */
public record RecipientContext(
    long campaignId,
    long recipientId,
    long customerId,
    String arm,
    long templateId,
    int templateVersion) {}
