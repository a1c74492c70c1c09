/**
 * The settings pages, for admins only, under one navigation entry with sub-tabs: the SMTP server
 * (its configuration and a connection check), API keys (created, shown once, revoked) and the
 * console's users.
 */
package io.affinity.service.console.settings;
