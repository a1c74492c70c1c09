/**
 * Training: correlated cross-occurrence (CCO). Interactions are binarised and downsampled per user;
 * every item bought is compared with every item bought, viewed, carted or clicked by the same
 * users, scored with Mahout's log-likelihood ratio, and the strongest positive correlations are
 * kept per item, with their weights, as the item's indicators.
 */
package io.affinity.recommender.training;
