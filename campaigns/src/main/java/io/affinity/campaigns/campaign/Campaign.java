package io.affinity.campaigns.campaign;

import java.math.BigDecimal;
import java.util.List;

/**
 * A stored campaign.
 *
 * @param id our id
 * @param name its name
 * @param kind email (sent by us), external or trigger
 * @param status where it is in its life
 * @param segmentId the segment, if known
 * @param snapshotId the audience
 * @param fromAddress the sender's address
 * @param fromName the sender's display name, or null
 * @param variants the arms of the treatment group, versions pinned once launched
 * @param controlPercent the held-out share in percent
 * @param assignmentSeed the seed of the assignment hash
 * @param householdAssignment whether households are assigned as a whole
 * @param attributionDays the attribution window
 * @param sendRatePerSecond the campaign's own rate limit, or null
 * @param scheduledAt when sending starts (epoch millis), or null
 * @param startedAt when it started running, or null
 * @param finishedAt when it finished or was cancelled, or null
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param topic what it mails about, or null for general marketing
 * @param pausedReason why it paused itself, or null
 */
public record Campaign(
    long id,
    String name,
    String kind,
    CampaignStatus status,
    Long segmentId,
    Long snapshotId,
    String fromAddress,
    String fromName,
    List<Variant> variants,
    BigDecimal controlPercent,
    long assignmentSeed,
    boolean householdAssignment,
    int attributionDays,
    BigDecimal sendRatePerSecond,
    Long scheduledAt,
    Long startedAt,
    Long finishedAt,
    long createdAt,
    long updatedAt,
    String topic,
    String pausedReason) {

  /** The variant named {@code arm}, if any. */
  public java.util.Optional<Variant> variant(String arm) {
    return variants.stream().filter(v -> v.name().equals(arm)).findFirst();
  }
}
