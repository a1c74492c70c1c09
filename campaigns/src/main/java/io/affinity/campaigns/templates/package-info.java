/**
 * E-mail templates: Freemarker sources stored and versioned in the database, checked and compiled
 * in a sandbox (no class instantiation, no {@code ?api}, no Java objects beyond the model), the
 * shipped defaults loaded at startup.
 */
package io.affinity.campaigns.templates;
