package io.affinity.campaigns.deliverability;

import java.util.List;

/**
 * What one pass over the bounce mailbox did.
 *
 * @param read messages read
 * @param processed messages whose reports were recorded (then deleted or moved)
 * @param left messages that were no report we can read, or failed: left (or moved aside)
 * @param reports what recording each report did
 */
public record PollResult(int read, int processed, int left, List<ReportResult> reports) {}
