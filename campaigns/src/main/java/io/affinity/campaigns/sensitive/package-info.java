/**
 * Sensitive categories (health, baby, adult, ...): products whose purchase must not be disclosed to
 * other members of a household, so they never fire a household trigger and never appear in a
 * message that speaks for the household.
 */
package io.affinity.campaigns.sensitive;
