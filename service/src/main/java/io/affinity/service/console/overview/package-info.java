/**
 * The overview page: customers and revenue, campaigns under way with their progress, the latest
 * lift results, and the model being served with its holdout figures.
 */
package io.affinity.service.console.overview;
