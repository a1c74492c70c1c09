/**
 * Recommendations: training item-to-item indicators with Mahout's log-likelihood ratio, serving
 * them from Lucene, business rules, cross-sell and upsell offers, and offline evaluation.
 *
 * <p>Empty until the recommender issue lands; the module exists so that the dependency direction
 * {@code service -> campaigns -> recommender -> core} is fixed from the start.
 */
package io.affinity.recommender;
