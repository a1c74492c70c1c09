package io.affinity.campaigns.deliverability;

import java.util.Locale;

/** What a delivery report says happened to a message. */
public enum ReportKind {
  /** The address does not exist or refuses mail for good (a 5.x.x status). */
  HARD_BOUNCE,
  /** A temporary failure (a 4.x.x status, a full mailbox): counted, suppressed after too many. */
  SOFT_BOUNCE,
  /** The recipient reported the message as spam (a feedback loop, a provider's complaint). */
  COMPLAINT,
  /** The receiving server accepted the message (recorded only). */
  DELIVERED;

  /** The name stored and shown: lower case with dashes. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
