/** {@code /api/events}: one event or a batch of up to 10,000, idempotent on the event id. */
package io.affinity.service.api.events;
