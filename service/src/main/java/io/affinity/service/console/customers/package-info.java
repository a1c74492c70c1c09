/**
 * The customers pages: search by id, name or e-mail, and the single customer view (household, value
 * and RFM, consent and its history, recent events, recommendations with their reasons).
 */
package io.affinity.service.console.customers;
