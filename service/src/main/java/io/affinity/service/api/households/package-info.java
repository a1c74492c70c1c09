/** {@code /api/households}: upsert households and read them with their members. */
package io.affinity.service.api.households;
