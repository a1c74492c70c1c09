/** {@code /api/recommendations}: for a customer, similar to an item, and for a basket. */
package io.affinity.service.api.recommendations;
