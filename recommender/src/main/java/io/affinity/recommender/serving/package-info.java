/**
 * Serving: a recommendation is a Lucene query of the customer's (or basket's) fresh history against
 * the indicator fields, with business rules as filters and boosts, popularity backfill, and a
 * reason for every item.
 */
package io.affinity.recommender.serving;
