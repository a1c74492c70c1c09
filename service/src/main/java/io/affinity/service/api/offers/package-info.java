/** {@code /api/offers}: cross-sell and upsell offers for a customer, a basket, a product page. */
package io.affinity.service.api.offers;
