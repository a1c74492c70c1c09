/**
 * API keys with scopes: every {@code /api} endpoint names the scopes that may call it, and a
 * request must carry a configured key holding one of them.
 */
package io.affinity.service.security;
