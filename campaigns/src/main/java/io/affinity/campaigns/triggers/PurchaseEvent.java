package io.affinity.campaigns.triggers;

/**
 * A purchase line as trigger evaluation reads it from the events table.
 *
 * @param id the event's id
 * @param customerId the buyer
 * @param householdId the buyer's household, or null
 * @param productId our id of the product
 * @param categoryPath the product's category path, or null
 * @param occurredAt when the purchase happened (epoch millis)
 * @param receivedAt when we received it
 */
record PurchaseEvent(
    long id,
    long customerId,
    Long householdId,
    Long productId,
    String categoryPath,
    long occurredAt,
    long receivedAt) {}
