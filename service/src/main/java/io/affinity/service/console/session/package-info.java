/**
 * Console sessions: a random id in an HttpOnly cookie names a session held on the server (signed in
 * or, on the sign-in page, not yet), with the CSRF token its forms must carry. Micronaut Security
 * reads the signed-in user from it ({@link
 * io.affinity.service.console.session.SessionAuthenticationFetcher}), and its CSRF validator checks
 * the token against it ({@link io.affinity.service.console.session.SessionCsrfTokenRepository}).
 */
package io.affinity.service.console.session;
