/**
 * Offers: cross-sell (complementary items from other categories) and upsell (a better item of the
 * same category that buyers of the original also considered), ranked by expected value, with
 * eligibility rules (stock, repurchase windows, returns, exposure caps) and discounts by rule.
 */
package io.affinity.recommender.offers;
