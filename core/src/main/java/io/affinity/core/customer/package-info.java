/** Customers and the single customer view: profile, household, consent, purchases, events. */
package io.affinity.core.customer;
