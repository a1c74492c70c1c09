package io.affinity.campaigns.campaign;

import io.affinity.campaigns.compose.MessageComposer;
import io.affinity.campaigns.delivery.MailConfiguration;
import io.affinity.campaigns.segments.SegmentSnapshots;
import io.affinity.core.audit.AuditLog;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The campaign lifecycle: create a draft, launch it (its audience written as recipient rows in one
 * transaction), pause, resume, cancel. Every transition locks the campaign row and checks the
 * current status, so two requests racing cannot both succeed. Each transition a person asks for is
 * appended to the audit log in its transaction ({@link CampaignAudit}).
 */
@Singleton
public class CampaignService {
  private final Transactions tx;
  private final CampaignStore store;
  private final BeanProvider<MessageComposer> composer;
  private final MailConfiguration mail;
  private final ApplicationEventPublisher<CampaignStarted> started;
  private final ApplicationEventPublisher<CampaignStopped> stopped;
  private final SegmentSnapshots snapshots;
  private final DraftChecks checks;
  private final AuditLog audit;
  private final SecureRandom random = new SecureRandom();

  public CampaignService(
      Transactions tx,
      CampaignStore store,
      BeanProvider<MessageComposer> composer,
      MailConfiguration mail,
      ApplicationEventPublisher<CampaignStarted> started,
      ApplicationEventPublisher<CampaignStopped> stopped,
      SegmentSnapshots snapshots,
      DraftChecks checks,
      AuditLog audit) {
    this.tx = tx;
    this.store = store;
    this.composer = composer;
    this.mail = mail;
    this.started = started;
    this.stopped = stopped;
    this.snapshots = snapshots;
    this.checks = checks;
    this.audit = audit;
  }

  /**
   * Stores a draft campaign.
   *
   * @throws InvalidInputException naming every bad field, an unknown snapshot or template
   */
  public CampaignView create(CampaignInput in) {
    List<Variant> variants = checks.check(in);
    long seed = in.assignmentSeed() != null ? in.assignmentSeed() : random.nextLong();
    long now = System.currentTimeMillis();
    return tx.write(
        c -> {
          DraftChecks.snapshotExists(c, in.snapshotId());
          long id = store.insertDraft(c, in, variants, seed, now);
          return CampaignView.of(store.find(c, id, false).orElseThrow(), null);
        });
  }

  /** Campaign {@code id} with its progress. */
  public CampaignView find(long id) {
    long now = System.currentTimeMillis();
    return tx.read(
        c -> {
          Campaign campaign = existing(c, id, false);
          return CampaignView.of(campaign, RecipientReports.progress(c, id, now));
        });
  }

  /** The stored campaign {@code id}, if there is one. */
  public java.util.Optional<Campaign> campaign(long id) {
    return tx.read(c -> store.find(c, id, false));
  }

  /** The ids of campaigns we send (e-mail and trigger campaigns) in {@code status}. */
  public List<Long> idsIn(CampaignStatus status) {
    return tx.read(c -> store.idsIn(c, status));
  }

  /** Campaigns newest first, optionally only those in {@code status}, without progress. */
  public List<CampaignView> list(CampaignStatus status, int limit, int offset) {
    return tx.read(
        c ->
            store.list(c, status, limit, offset).stream()
                .map(x -> CampaignView.of(x, null))
                .toList());
  }

  /** Recipients of campaign {@code id}, optionally in {@code state}, after row {@code after}. */
  public List<RecipientView> recipients(long id, RecipientState state, long after, int limit) {
    return tx.read(
        c -> {
          existing(c, id, false);
          return RecipientReports.list(c, id, state, after, limit);
        });
  }

  /**
   * Launches draft {@code id}: freezes its segment into a snapshot if it was given a segment, pins
   * each variant's current template version, writes every member of the snapshot as a recipient
   * with its arm, and starts running (or waits for its schedule).
   *
   * @throws CampaignConflictException if it is not a draft, or sending is disabled
   */
  public CampaignView launch(long id) {
    return launch(id, CampaignAudit.SYSTEM);
  }

  /** {@link #launch(long)}, recorded in the audit log as done by {@code actor}. */
  public CampaignView launch(long id, String actor) {
    if (!mail.isEnabled()) {
      throw new CampaignConflictException(
          "Sending is disabled: set affinity.mail.host (and port) to an SMTP server, then launch"
              + " again");
    }
    if (!composer.isPresent()) {
      throw new CampaignConflictException(
          "No message composer is installed, so no message can be rendered");
    }
    // A campaign given a segment rather than a snapshot freezes the segment's current audience
    // now, in a transaction of its own; a launch that then fails leaves an unused snapshot.
    Campaign draft = tx.read(c -> existing(c, id, false));
    Long frozen =
        draft.snapshotId() == null && draft.segmentId() != null
            ? snapshots.freeze(draft.segmentId()).id()
            : null;
    long now = System.currentTimeMillis();
    Campaign launched =
        tx.write(
            c -> {
              Campaign campaign = existing(c, id, true);
              if (frozen != null && campaign.snapshotId() == null) {
                store.setSnapshot(c, id, frozen);
              }
              CampaignStatus next =
                  campaign.scheduledAt() != null && campaign.scheduledAt() > now
                      ? CampaignStatus.SCHEDULED
                      : CampaignStatus.RUNNING;
              requireTransition(campaign, next, "launch");
              List<Variant> pinned = new ArrayList<>();
              for (Variant v : campaign.variants()) {
                pinned.add(v.pinned(composer.get().currentVersion(v.templateId())));
              }
              store.saveVariants(c, id, pinned);
              Campaign withVersions = existing(c, id, false);
              AudienceWriter.write(c, withVersions);
              store.transition(c, id, CampaignStatus.DRAFT, next, now);
              record(c, actor, CampaignAudit.LAUNCH, id, next.wireName());
              return existing(c, id, false);
            });
    if (launched.status() == CampaignStatus.RUNNING) {
      started.publishEvent(new CampaignStarted(id));
    }
    return find(id);
  }

  /** Pauses running campaign {@code id}: workers stop claiming; messages in flight finish. */
  public CampaignView pause(long id) {
    return pause(id, CampaignAudit.SYSTEM);
  }

  /** {@link #pause(long)}, recorded in the audit log as done by {@code actor}. */
  public CampaignView pause(long id, String actor) {
    move(id, CampaignStatus.PAUSED, "pause", List.of(CampaignStatus.RUNNING), actor);
    stopped.publishEvent(new CampaignStopped(id));
    return find(id);
  }

  /**
   * Pauses running campaign {@code id} because of {@code reason}, which its view shows until it
   * runs again (delivery does this when the template fails for most of the first recipients).
   *
   * @return false if it was not running (paused or cancelled meanwhile): nothing changed
   */
  public boolean pauseBecause(long id, String reason) {
    long now = System.currentTimeMillis();
    boolean paused =
        tx.write(
            c -> {
              Campaign campaign = existing(c, id, true);
              if (campaign.status() != CampaignStatus.RUNNING
                  || !store.transition(c, id, CampaignStatus.RUNNING, CampaignStatus.PAUSED, now)) {
                return false;
              }
              store.setPausedReason(c, id, reason);
              return true;
            });
    if (paused) {
      stopped.publishEvent(new CampaignStopped(id));
    }
    return paused;
  }

  /** Resumes paused campaign {@code id}. */
  public CampaignView resume(long id) {
    return resume(id, CampaignAudit.SYSTEM);
  }

  /** {@link #resume(long)}, recorded in the audit log as done by {@code actor}. */
  public CampaignView resume(long id, String actor) {
    move(id, CampaignStatus.RUNNING, "resume", List.of(CampaignStatus.PAUSED), actor);
    started.publishEvent(new CampaignStarted(id));
    return find(id);
  }

  /** Cancels campaign {@code id}: nothing more is sent; pending recipients become cancelled. */
  public CampaignView cancel(long id) {
    return cancel(id, CampaignAudit.SYSTEM);
  }

  /** {@link #cancel(long)}, recorded in the audit log as done by {@code actor}. */
  public CampaignView cancel(long id, String actor) {
    long now = System.currentTimeMillis();
    tx.write(
        c -> {
          Campaign campaign = existing(c, id, true);
          requireTransition(campaign, CampaignStatus.CANCELLED, "cancel");
          store.transition(c, id, campaign.status(), CampaignStatus.CANCELLED, now);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE campaign_recipients SET state = 'cancelled' WHERE campaign_id = ?"
                      + " AND state = 'pending'")) {
            ps.setLong(1, id);
            ps.executeUpdate();
          }
          record(c, actor, CampaignAudit.CANCEL, id, "from " + campaign.status().wireName());
          return null;
        });
    stopped.publishEvent(new CampaignStopped(id));
    return find(id);
  }

  /** Starts every scheduled campaign whose time has come; returns their ids. */
  public List<Long> startDue(long now) {
    List<Long> due =
        tx.write(
            c -> {
              List<Long> ids = new ArrayList<>();
              for (long id : store.idsIn(c, CampaignStatus.SCHEDULED)) {
                Campaign campaign = existing(c, id, true);
                if (campaign.scheduledAt() == null || campaign.scheduledAt() <= now) {
                  if (store.transition(
                      c, id, CampaignStatus.SCHEDULED, CampaignStatus.RUNNING, now)) {
                    ids.add(id);
                  }
                }
              }
              return ids;
            });
    due.forEach(id -> started.publishEvent(new CampaignStarted(id)));
    return due;
  }

  /**
   * Finishes running campaign {@code id} if no recipient is pending or claimed any more.
   *
   * @return whether it finished now
   */
  public boolean finishIfDone(long id) {
    long now = System.currentTimeMillis();
    return tx.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  // One row is enough to know; counting them read every pending row each time.
                  "SELECT 1 FROM campaign_recipients WHERE campaign_id = ?"
                      + " AND state IN ('pending', 'claimed') LIMIT 1")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                return false;
              }
            }
          }
          // A trigger's campaign takes new recipients until its cap window closes
          // (decision 0007): it finishes only after that.
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM trigger_campaigns WHERE campaign_id = ?"
                      + " AND window_end > ?")) {
            ps.setLong(1, id);
            ps.setLong(2, now);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              if (rs.getLong(1) > 0) {
                return false;
              }
            }
          }
          return store.transition(c, id, CampaignStatus.RUNNING, CampaignStatus.FINISHED, now);
        });
  }

  private void move(
      long id, CampaignStatus to, String verb, List<CampaignStatus> from, String actor) {
    long now = System.currentTimeMillis();
    tx.write(
        c -> {
          Campaign campaign = existing(c, id, true);
          if (!from.contains(campaign.status())) {
            throw conflict(campaign, verb);
          }
          store.transition(c, id, campaign.status(), to, now);
          record(
              c,
              actor,
              to == CampaignStatus.PAUSED ? CampaignAudit.PAUSE : CampaignAudit.RESUME,
              id,
              null);
          return null;
        });
  }

  private void record(Connection c, String actor, String action, long id, @Nullable String detail)
      throws SQLException {
    audit.append(c, actor, action, CampaignAudit.CAMPAIGN, String.valueOf(id), detail);
  }

  private static void requireTransition(Campaign campaign, CampaignStatus next, String verb) {
    if (!campaign.status().canBecome(next)
        || (verb.equals("launch") && campaign.status() != CampaignStatus.DRAFT)) {
      throw conflict(campaign, verb);
    }
  }

  private static CampaignConflictException conflict(Campaign campaign, String verb) {
    return new CampaignConflictException(
        "Campaign "
            + campaign.id()
            + " is "
            + campaign.status().wireName()
            + "; it cannot "
            + verb
            + " from there");
  }

  private Campaign existing(Connection c, long id, boolean lock) throws SQLException {
    return store
        .find(c, id, lock)
        .orElseThrow(() -> new NotFoundException("campaign", String.valueOf(id)));
  }
}
