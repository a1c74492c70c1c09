package io.affinity.core.customer;

/** The channels a customer can prefer to be reached on. */
public final class Channel {
  /** The accepted values, as a regular expression for validation. */
  public static final String PATTERN = "email|sms|push|post|none";

  private Channel() {}
}
