package io.affinity.campaigns.delivery;

import java.util.List;

/**
 * Where a sending thread writes what it does to its claimed rows, durably: outcomes, and the mark
 * made just before a message is handed to the SMTP server. After a crash the marks tell the rows
 * handed over (which may have been accepted) from those never touched (which may be sent again).
 */
interface DeliveryLog {
  /**
   * Writes {@code outcomes} (may be empty) and marks row {@code recipientId} as being handed over
   * with {@code messageId}, in one commit.
   *
   * @return false if the row is no longer this worker's: its message must not be sent
   * @throws RuntimeException if the database failed: nothing was written, nothing may be sent
   */
  boolean handing(List<Outcome> outcomes, long recipientId, String messageId);

  /** Writes {@code outcomes}, retrying a while if the database fails. */
  void record(List<Outcome> outcomes);
}
