package io.affinity.campaigns.campaign;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A new campaign as a marketer describes it; {@link CampaignValidator} checks every field.
 *
 * @param name what the marketer calls it
 * @param snapshotId the frozen audience (a segment snapshot)
 * @param segmentId the segment: without a snapshot, its audience is frozen at launch; with one, for
 *     reference
 * @param fromAddress the sender's address
 * @param fromName the sender's display name
 * @param variants one or more templates with weights (an A/B split when several)
 * @param controlPercent the share of the audience held out, 0 to 99.99
 * @param householdAssignment whether a whole household falls into control or treatment together
 * @param attributionDays how long after sending a purchase counts for the campaign
 * @param sendRatePerSecond this campaign's own limit, under the servers' limits; null for none
 * @param scheduledAt when to start sending; null or past means at launch
 * @param assignmentSeed the seed of the control and variant assignment; random when null
 * @param topic what the campaign mails about ({@code newsletter}, {@code offers}, ...): a person
 *     who left the topic is not mailed; null for general marketing
 */
@Serdeable
@Introspected
public record CampaignInput(
    @Nullable String name,
    @Nullable Long snapshotId,
    @Nullable Long segmentId,
    @Nullable String fromAddress,
    @Nullable String fromName,
    @Nullable List<VariantInput> variants,
    @Nullable BigDecimal controlPercent,
    @Nullable Boolean householdAssignment,
    @Nullable Integer attributionDays,
    @Nullable BigDecimal sendRatePerSecond,
    @Nullable Instant scheduledAt,
    @Nullable Long assignmentSeed,
    @Nullable String topic) {

  /** The canonical constructor, the one JSON binds to. */
  @Creator
  public CampaignInput {}

  /** A campaign without a topic (general marketing). */
  public CampaignInput(
      String name,
      Long snapshotId,
      Long segmentId,
      String fromAddress,
      String fromName,
      List<VariantInput> variants,
      BigDecimal controlPercent,
      Boolean householdAssignment,
      Integer attributionDays,
      BigDecimal sendRatePerSecond,
      Instant scheduledAt,
      Long assignmentSeed) {
    this(
        name,
        snapshotId,
        segmentId,
        fromAddress,
        fromName,
        variants,
        controlPercent,
        householdAssignment,
        attributionDays,
        sendRatePerSecond,
        scheduledAt,
        assignmentSeed,
        null);
  }

  /** This input with {@code topic}. */
  public CampaignInput withTopic(String topic) {
    return new CampaignInput(
        name,
        snapshotId,
        segmentId,
        fromAddress,
        fromName,
        variants,
        controlPercent,
        householdAssignment,
        attributionDays,
        sendRatePerSecond,
        scheduledAt,
        assignmentSeed,
        topic);
  }

  /**
   * One variant as sent.
   *
   * @param name the arm's name
   * @param templateId the template
   * @param weight its share; 1 when omitted
   */
  @Serdeable
  @Introspected
  public record VariantInput(
      @Nullable String name, @Nullable Long templateId, @Nullable Integer weight) {}
}
