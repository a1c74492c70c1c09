package io.affinity.campaigns.campaign;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A campaign as the API shows it, with its progress when one campaign is read.
 *
 * @param id our id
 * @param name its name
 * @param kind email, external or trigger
 * @param status draft, scheduled, running, paused, finished or cancelled
 * @param snapshotId the audience
 * @param segmentId the segment the audience came from
 * @param fromAddress the sender's address
 * @param fromName the sender's display name
 * @param variants the arms with their templates, weights and pinned versions
 * @param controlPercent the held-out share
 * @param householdAssignment whether households are assigned as a whole
 * @param attributionDays the attribution window
 * @param sendRatePerSecond the campaign's own rate limit
 * @param scheduledAt when sending starts
 * @param startedAt when it started
 * @param finishedAt when it finished or was cancelled
 * @param createdAt when it was created
 * @param topic what it mails about (a person who left the topic is not mailed), or null
 * @param pausedReason why the campaign paused itself (its template failed for most of its first
 *     recipients), or null
 * @param progress counts per recipient state, rate and ETA; only on a single campaign
 */
@Serdeable
public record CampaignView(
    long id,
    String name,
    String kind,
    String status,
    @Nullable Long snapshotId,
    @Nullable Long segmentId,
    @Nullable String fromAddress,
    @Nullable String fromName,
    List<Variant> variants,
    BigDecimal controlPercent,
    boolean householdAssignment,
    int attributionDays,
    @Nullable BigDecimal sendRatePerSecond,
    @Nullable Instant scheduledAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    Instant createdAt,
    @Nullable String topic,
    @Nullable String pausedReason,
    @Nullable CampaignProgress progress) {

  static CampaignView of(Campaign c, CampaignProgress progress) {
    return new CampaignView(
        c.id(),
        c.name(),
        c.kind(),
        c.status().wireName(),
        c.snapshotId(),
        c.segmentId(),
        c.fromAddress(),
        c.fromName(),
        c.variants(),
        c.controlPercent(),
        c.householdAssignment(),
        c.attributionDays(),
        c.sendRatePerSecond(),
        instant(c.scheduledAt()),
        instant(c.startedAt()),
        instant(c.finishedAt()),
        Instant.ofEpochMilli(c.createdAt()),
        c.topic(),
        c.pausedReason(),
        progress);
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
