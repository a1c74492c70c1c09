package io.affinity.campaigns.campaign;

import io.affinity.core.audit.AuditLog;
import io.affinity.core.error.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Changes to a campaign before it sends: edit a draft, copy any e-mail campaign into a new draft,
 * move the start of a draft or scheduled campaign. Each locks the campaign row, checks its status
 * and kind, and is appended to the audit log in the same transaction.
 */
@Singleton
public class CampaignDrafts {
  private final Transactions tx;
  private final CampaignStore store;
  private final DraftChecks checks;
  private final AuditLog audit;
  private final SecureRandom random = new SecureRandom();

  CampaignDrafts(Transactions tx, CampaignStore store, DraftChecks checks, AuditLog audit) {
    this.tx = tx;
    this.store = store;
    this.checks = checks;
    this.audit = audit;
  }

  /**
   * Replaces every setting of draft {@code id} by {@code in}'s, checked as a new draft's are; the
   * assignment seed stays unless {@code in} gives one.
   *
   * @throws io.affinity.core.error.InvalidInputException naming every bad field
   * @throws CampaignConflictException if the campaign is not an e-mail draft
   * @throws NotFoundException if there is no such campaign
   */
  public CampaignView update(long id, CampaignInput in, String actor) {
    List<Variant> variants = checks.check(in);
    long now = System.currentTimeMillis();
    return tx.write(
        c -> {
          Campaign campaign = emailCampaign(c, id);
          if (campaign.status() != CampaignStatus.DRAFT) {
            throw new CampaignConflictException(
                "Campaign "
                    + id
                    + " is "
                    + campaign.status().wireName()
                    + "; only a draft can be edited (copy it into a new draft instead)");
          }
          DraftChecks.snapshotExists(c, in.snapshotId());
          store.updateDraft(c, id, in, variants, now);
          if (in.assignmentSeed() != null) {
            store.setSeed(c, id, in.assignmentSeed());
          }
          record(c, actor, CampaignAudit.EDIT, id, null);
          return CampaignView.of(store.find(c, id, false).orElseThrow(), null);
        });
  }

  /**
   * A new draft with the settings of e-mail campaign {@code id} (in any status), named "Copy of
   * ...", with a fresh assignment seed. A campaign given a segment keeps the segment and not the
   * snapshot its launch froze, so that the copy reaches the segment's audience of its own launch.
   *
   * @throws CampaignConflictException if the campaign is not an e-mail campaign
   * @throws NotFoundException if there is no such campaign
   */
  public CampaignView copy(long id, String actor) {
    long now = System.currentTimeMillis();
    return tx.write(
        c -> {
          Campaign from = emailCampaign(c, id);
          String name = "Copy of " + from.name();
          CampaignInput in =
              new CampaignInput(
                  name.length() > 200 ? name.substring(0, 200) : name,
                  from.segmentId() != null ? null : from.snapshotId(),
                  from.segmentId(),
                  from.fromAddress(),
                  from.fromName(),
                  from.variants().stream()
                      .map(
                          v -> new CampaignInput.VariantInput(v.name(), v.templateId(), v.weight()))
                      .toList(),
                  from.controlPercent(),
                  from.householdAssignment(),
                  from.attributionDays(),
                  from.sendRatePerSecond(),
                  // A past start would launch the copy at once; only a future one carries over.
                  from.scheduledAt() != null && from.scheduledAt() > now
                      ? Instant.ofEpochMilli(from.scheduledAt())
                      : null,
                  null,
                  from.topic());
          List<Variant> variants =
              from.variants().stream()
                  .map(v -> new Variant(v.name(), v.templateId(), null, v.weight()))
                  .toList();
          long copy = store.insertDraft(c, in, variants, random.nextLong(), now);
          record(c, actor, CampaignAudit.COPY, copy, "copy of campaign " + id);
          return CampaignView.of(store.find(c, copy, false).orElseThrow(), null);
        });
  }

  /**
   * Moves the start of draft or scheduled campaign {@code id} to {@code at}. Null (or a time past)
   * means at launch for a draft, and at the scheduler's next look (within seconds) for a scheduled
   * campaign.
   *
   * @throws CampaignConflictException if the campaign is not an e-mail draft or scheduled
   * @throws NotFoundException if there is no such campaign
   */
  public CampaignView reschedule(long id, @Nullable Instant at, String actor) {
    long now = System.currentTimeMillis();
    return tx.write(
        c -> {
          Campaign campaign = emailCampaign(c, id);
          if (campaign.status() != CampaignStatus.DRAFT
              && campaign.status() != CampaignStatus.SCHEDULED) {
            throw new CampaignConflictException(
                "Campaign "
                    + id
                    + " is "
                    + campaign.status().wireName()
                    + "; only a draft or a scheduled campaign can be rescheduled");
          }
          store.setSchedule(c, id, at == null ? null : at.toEpochMilli(), now);
          record(c, actor, CampaignAudit.RESCHEDULE, id, at == null ? "no start time" : "to " + at);
          return CampaignView.of(store.find(c, id, false).orElseThrow(), null);
        });
  }

  private Campaign emailCampaign(Connection c, long id) throws SQLException {
    Campaign campaign =
        store
            .find(c, id, true)
            .orElseThrow(() -> new NotFoundException("campaign", String.valueOf(id)));
    if (!"email".equals(campaign.kind())) {
      throw new CampaignConflictException(
          "Campaign " + id + " is a " + campaign.kind() + " campaign, not one we send");
    }
    return campaign;
  }

  private void record(Connection c, String actor, String action, long id, String detail)
      throws SQLException {
    audit.append(c, actor, action, CampaignAudit.CAMPAIGN, String.valueOf(id), detail);
  }
}
