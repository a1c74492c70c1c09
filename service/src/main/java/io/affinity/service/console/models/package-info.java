/**
 * The console's models page: the model registry with each version's holdout figures, those figures
 * over time as a chart, training a new model with its progress followed live, and the last offline
 * evaluation when one is stored.
 */
package io.affinity.service.console.models;
