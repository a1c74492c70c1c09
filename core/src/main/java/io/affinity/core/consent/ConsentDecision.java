package io.affinity.core.consent;

import io.micronaut.core.annotation.Nullable;

/**
 * What became of a statement.
 *
 * @param outcome applied, refused (recorded, not applied) or unchanged (nothing to record)
 * @param reason why it was refused, for the warning a client sees; null otherwise
 */
public record ConsentDecision(Outcome outcome, @Nullable String reason) {
  /** The three outcomes of a statement. */
  public enum Outcome {
    /** Recorded and applied: the state changed. */
    APPLIED,
    /** Recorded in the ledger as not applied; the client gets a warning. */
    REFUSED,
    /** It says what the state already is: nothing recorded, nothing changed. */
    UNCHANGED
  }

  static ConsentDecision applied() {
    return new ConsentDecision(Outcome.APPLIED, null);
  }

  static ConsentDecision unchanged() {
    return new ConsentDecision(Outcome.UNCHANGED, null);
  }

  static ConsentDecision refused(String reason) {
    return new ConsentDecision(Outcome.REFUSED, reason);
  }

  /** Whether the statement was recorded but not applied. */
  public boolean refused() {
    return outcome == Outcome.REFUSED;
  }
}
