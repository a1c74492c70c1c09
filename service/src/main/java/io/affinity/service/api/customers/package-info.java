/** {@code /api/customers}: upsert customers and read the single customer view. */
package io.affinity.service.api.customers;
