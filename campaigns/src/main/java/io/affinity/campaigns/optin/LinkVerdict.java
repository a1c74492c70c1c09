package io.affinity.campaigns.optin;

/** What a confirmation link is worth, or what following it did. */
public enum LinkVerdict {
  /** A good link, not used yet: the page offers the button. */
  VALID,
  /** The grant was recorded now. */
  CONFIRMED,
  /** The link was used before; nothing changed this time. */
  ALREADY_CONFIRMED,
  /** The ledger recorded the grant as not applied (a newer statement is on record). */
  NOT_APPLIED,
  /** Forged, altered or unknown: nothing changed. */
  INVALID,
  /** Past its expiry: nothing changed. */
  EXPIRED,
  /** The customer's address is no longer the one the link was mailed to: nothing changed. */
  ADDRESS_CHANGED
}
