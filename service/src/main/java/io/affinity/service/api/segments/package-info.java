/**
 * {@code /api/segments}: save and version segment definitions, preview saved or unsaved ones, and
 * freeze them into snapshots.
 */
package io.affinity.service.api.segments;
