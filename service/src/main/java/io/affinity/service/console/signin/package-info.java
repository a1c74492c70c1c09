/**
 * Signing in and out of the console: the form, the password check with a brake on repeated failures
 * from one client, and a line in the audit log for every sign-in, failure and sign-out.
 */
package io.affinity.service.console.signin;
