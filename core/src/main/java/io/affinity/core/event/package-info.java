/**
 * Events: purchases, returns, views, carts, visits and campaign responses. Ingest validates a whole
 * batch, resolves customer and product ids, and writes it in one transaction, idempotent on the
 * client's event id.
 */
package io.affinity.core.event;
