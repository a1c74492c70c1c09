package io.affinity.campaigns.campaign;

import io.affinity.core.audit.AuditLog;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An operator's decision about the {@code ambiguous} recipients of a campaign (a worker handed
 * their message to the SMTP server and died before recording the reply; or the connection broke
 * during the send): resend them, or settle them as sent. Both are recorded on the rows ({@code
 * resolution}, {@code resolved_by}, {@code resolved_at}) and in the audit log, in the transaction
 * that changes the rows.
 *
 * <p>A resend puts the rows back to {@code pending} with their stored Message-ID, which the next
 * send reuses, so that a receiving server that did get the first copy can collapse the second. The
 * send-time checks (consent, suppression, topic, frequency cap) apply again. A finished campaign
 * runs again until they are sent; a cancelled one sends nothing more (settle its rows instead).
 */
@Singleton
public class AmbiguousRecipients {
  /** Audit action: ambiguous recipients were put back to be sent again. */
  public static final String RESEND = "campaign-resend-ambiguous";

  /** Audit action: ambiguous recipients were recorded as sent. */
  public static final String SETTLE = "campaign-settle-ambiguous";

  /** Audit subject type: a campaign, named by its id. */
  public static final String CAMPAIGN = "campaign";

  /** The most recipient ids one decision may name. */
  public static final int MAX_IDS = 10_000;

  private final Transactions tx;
  private final CampaignStore store;
  private final AuditLog audit;
  private final ApplicationEventPublisher<CampaignStarted> started;

  public AmbiguousRecipients(
      Transactions tx,
      CampaignStore store,
      AuditLog audit,
      ApplicationEventPublisher<CampaignStarted> started) {
    this.tx = tx;
    this.store = store;
    this.audit = audit;
    this.started = started;
  }

  /**
   * Puts the ambiguous recipients of campaign {@code campaignId} (all, or those of {@code
   * recipientIds}) back to pending, to be sent again with their stored Message-ID; a finished
   * campaign runs again.
   *
   * @throws InvalidInputException if {@code recipientIds} is empty, too long or holds a non-id
   * @throws NotFoundException if there is no such campaign
   * @throws CampaignConflictException if the campaign was cancelled
   */
  public AmbiguousResolution resend(
      long campaignId, @Nullable List<Long> recipientIds, String actor) {
    check(recipientIds);
    long now = System.currentTimeMillis();
    AmbiguousResolution done =
        tx.write(
            c -> {
              Campaign campaign = existing(c, campaignId);
              if (campaign.status() == CampaignStatus.CANCELLED) {
                throw new CampaignConflictException(
                    "Campaign "
                        + campaignId
                        + " is cancelled: nothing more is sent; settle its ambiguous recipients"
                        + " instead");
              }
              int n =
                  update(
                      c,
                      "UPDATE campaign_recipients SET state = 'pending', next_attempt_at = NULL,"
                          + " claimed_by = NULL, claim_token = NULL, resolution = 'resend',"
                          + " resolved_by = ?, resolved_at = ?",
                      campaignId,
                      recipientIds,
                      actor,
                      now);
              CampaignStatus status = campaign.status();
              if (n > 0 && status == CampaignStatus.FINISHED) {
                store.transition(
                    c, campaignId, CampaignStatus.FINISHED, CampaignStatus.RUNNING, now);
                status = CampaignStatus.RUNNING;
              }
              audit.append(
                  c, actor, RESEND, CAMPAIGN, String.valueOf(campaignId), detail(n, recipientIds));
              return result(campaignId, "resend", n, recipientIds, status);
            });
    if (done.recipients() > 0 && done.status().equals(CampaignStatus.RUNNING.wireName())) {
      started.publishEvent(new CampaignStarted(campaignId));
    }
    return done;
  }

  /**
   * Records the ambiguous recipients of campaign {@code campaignId} (all, or those of {@code
   * recipientIds}) as sent, at the time their message was handed to the SMTP server; in any status
   * of the campaign.
   *
   * @throws InvalidInputException if {@code recipientIds} is empty, too long or holds a non-id
   * @throws NotFoundException if there is no such campaign
   */
  public AmbiguousResolution settle(
      long campaignId, @Nullable List<Long> recipientIds, String actor) {
    check(recipientIds);
    long now = System.currentTimeMillis();
    return tx.write(
        c -> {
          Campaign campaign = existing(c, campaignId);
          int n =
              update(
                  c,
                  "UPDATE campaign_recipients SET state = 'sent',"
                      + " sent_at = COALESCE(handed_at, claimed_at, ?), error = NULL,"
                      + " resolution = 'settled', resolved_by = ?, resolved_at = ?",
                  campaignId,
                  recipientIds,
                  now,
                  actor,
                  now);
          audit.append(
              c, actor, SETTLE, CAMPAIGN, String.valueOf(campaignId), detail(n, recipientIds));
          return result(campaignId, "settled", n, recipientIds, campaign.status());
        });
  }

  /** Refuses an empty, oversized or holed list of ids (no list at all means every row). */
  private static void check(@Nullable List<Long> ids) {
    if (ids == null) {
      return;
    }
    if (ids.isEmpty() || ids.size() > MAX_IDS) {
      throw new InvalidInputException(
          "recipientIds",
          "give 1 to " + MAX_IDS + " ids, or leave it out for every ambiguous recipient");
    }
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i) == null || ids.get(i) <= 0) {
        throw new InvalidInputException("recipientIds[" + i + "]", "must be a recipient id");
      }
    }
  }

  /** Runs {@code set} (its parameters first) over the campaign's ambiguous rows asked for. */
  private static int update(
      Connection c, String set, long campaignId, @Nullable List<Long> ids, Object... params)
      throws SQLException {
    String sql =
        set
            + " WHERE campaign_id = ? AND state = 'ambiguous'"
            + (ids == null ? "" : " AND id IN (" + "?, ".repeat(ids.size() - 1) + "?)");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (Object p : params) {
        ps.setObject(i++, p);
      }
      ps.setLong(i++, campaignId);
      if (ids != null) {
        for (long id : ids) {
          ps.setLong(i++, id);
        }
      }
      return ps.executeUpdate();
    }
  }

  private static AmbiguousResolution result(
      long campaignId, String action, int n, @Nullable List<Long> ids, CampaignStatus status) {
    int skipped = ids == null ? 0 : (int) ids.stream().distinct().count() - n;
    return new AmbiguousResolution(campaignId, action, n, skipped, status.wireName());
  }

  private static String detail(int n, @Nullable List<Long> ids) {
    return n
        + " recipient(s)"
        + (ids == null
            ? ", all ambiguous"
            : ", of ids " + ids.stream().map(String::valueOf).collect(Collectors.joining(", ")));
  }

  private Campaign existing(Connection c, long id) throws SQLException {
    return store
        .find(c, id, true)
        .orElseThrow(() -> new NotFoundException("campaign", String.valueOf(id)));
  }
}
