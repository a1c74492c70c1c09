/**
 * Segments: rule trees over customer metrics, attributes, behaviour, consent and predicted
 * affinity, validated with the path of every bad rule, compiled to SQL with bound parameters only,
 * saved with their versions, counted and previewed, and frozen into snapshots for campaigns.
 */
package io.affinity.campaigns.segments;
