/** {@code /api/products}: upsert the catalogue and read products. */
package io.affinity.service.api.products;
