/**
 * Campaigns: segments, Freemarker templates, delivery over SMTP, response tracking, household
 * triggers and lift analytics.
 *
 * <p>Empty until the campaigns issue lands; the module exists so that the dependency direction
 * {@code service -> campaigns -> recommender -> core} is fixed from the start.
 */
package io.affinity.campaigns;
