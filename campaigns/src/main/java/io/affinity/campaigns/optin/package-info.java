/**
 * Double opt-in: a confirmation e-mail with a signed link, mailed on the shop's request; the
 * person's click on it records a grant (source {@code double-opt-in}) in the consent ledger, which
 * re-subscribes them even after a withdrawal and lifts the suppression of their address.
 */
package io.affinity.campaigns.optin;
