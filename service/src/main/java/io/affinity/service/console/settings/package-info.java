/** The settings pages, for admins only: so far the list of console users. */
package io.affinity.service.console.settings;
