package io.affinity.campaigns.triggers;

import io.affinity.campaigns.campaign.CampaignConflictException;
import io.affinity.campaigns.campaign.CampaignStarted;
import io.affinity.campaigns.campaign.CampaignStopped;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.sensitive.SensitiveCategories;
import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The trigger lifecycle: create (validated, references checked, all in one transaction), list,
 * pause and resume. Pausing a trigger also pauses its running campaigns, so that firings already
 * waiting for their delay are held too; resuming resumes them.
 */
@Singleton
public class Triggers {
  private static final String SENSITIVE =
      "is in a sensitive category (affinity.privacy.sensitive-categories): its purchases never"
          + " fire a household message";

  private final Transactions tx;
  private final ApplicationEventPublisher<CampaignStarted> started;
  private final ApplicationEventPublisher<CampaignStopped> stopped;
  private final SensitiveCategories sensitive;
  private final SecureRandom random = new SecureRandom();

  public Triggers(
      Transactions tx,
      ApplicationEventPublisher<CampaignStarted> started,
      ApplicationEventPublisher<CampaignStopped> stopped,
      SensitiveCategories sensitive) {
    this.tx = tx;
    this.started = started;
    this.stopped = stopped;
    this.sensitive = sensitive;
  }

  /**
   * Stores an active trigger.
   *
   * @throws InvalidInputException naming every bad field, an unknown template or product, a
   *     category or product in a sensitive category (whose purchases never fire a household
   *     message)
   */
  public Trigger create(TriggerInput in) {
    if (in == null) {
      throw new InvalidInputException("body", "a JSON object is required");
    }
    List<FieldError> fieldErrors = new ArrayList<>(TriggerValidator.validate(in));
    if (in.categoryPrefix() != null && sensitive.isSensitive(in.categoryPrefix())) {
      fieldErrors.add(new FieldError("categoryPrefix", SENSITIVE));
    }
    long seed = in.assignmentSeed() != null ? in.assignmentSeed() : random.nextLong();
    long now = System.currentTimeMillis();
    return tx.write(
        c -> {
          Long productKey = checkReferences(c, in, fieldErrors);
          long id = TriggerStore.insert(c, in, productKey, seed, now);
          return TriggerStore.find(c, id, false).orElseThrow().trigger();
        });
  }

  /**
   * Rewrites trigger {@code id}'s settings with {@code in}, checked as on create; an omitted field
   * takes its default, as on create. Its status, holdout seed, holdout share and window length stay
   * ({@code householdCapDays} places its campaigns' windows; the share, with the seed, decides each
   * household's arm at every firing, so changing it would move households between arms). The window
   * already running keeps the template version and sender it started with; the next window takes
   * the new ones. Caps, delay, condition, audience and topic apply from the next evaluation.
   *
   * @throws InvalidInputException naming every bad field, and {@code householdCapDays} or {@code
   *     holdoutPercent} if it differs from the stored one
   * @throws NotFoundException if there is no such trigger
   */
  public Trigger update(long id, TriggerInput in) {
    if (in == null) {
      throw new InvalidInputException("body", "a JSON object is required");
    }
    List<FieldError> fieldErrors = new ArrayList<>(TriggerValidator.validate(in));
    if (in.categoryPrefix() != null && sensitive.isSensitive(in.categoryPrefix())) {
      fieldErrors.add(new FieldError("categoryPrefix", SENSITIVE));
    }
    long now = System.currentTimeMillis();
    return tx.write(
        c -> {
          Trigger stored = existing(c, id, true).trigger();
          List<FieldError> errors = new ArrayList<>(fieldErrors);
          if (in.householdCapDays() != null && in.householdCapDays() != stored.householdCapDays()) {
            errors.add(
                new FieldError(
                    "householdCapDays",
                    "cannot change after creation (it is "
                        + stored.householdCapDays()
                        + "): it places the trigger's campaign windows"));
          }
          if (in.holdoutPercent() != null
              && in.holdoutPercent().compareTo(stored.holdoutPercent()) != 0) {
            errors.add(
                new FieldError(
                    "holdoutPercent",
                    "cannot change after creation (it is "
                        + stored.holdoutPercent().stripTrailingZeros().toPlainString()
                        + "): a household must stay in its arm from one firing to the next"));
          }
          Long productKey = checkReferences(c, in, errors);
          TriggerStore.update(c, id, in, productKey, stored.householdCapDays(), now);
          return existing(c, id, false).trigger();
        });
  }

  /**
   * Checks the template and the product against the database: throws with {@code fieldErrors} and
   * an unknown template or product or a product in a sensitive category, if there is any error (on
   * a copy, so that a write retried after a deadlock starts from {@code fieldErrors} again); else
   * returns our id of the condition's product, or null.
   */
  private Long checkReferences(Connection c, TriggerInput in, List<FieldError> fieldErrors)
      throws SQLException {
    List<FieldError> errors = new ArrayList<>(fieldErrors);
    if (in.templateId() != null && in.templateId() > 0 && !templateExists(c, in.templateId())) {
      errors.add(new FieldError("templateId", "no template " + in.templateId()));
    }
    Long productKey = null;
    if (in.productId() != null && !in.productId().isBlank()) {
      String[] found = product(c, in.productId().trim());
      if (found == null) {
        errors.add(new FieldError("productId", "no product '" + in.productId() + "'"));
      } else if (sensitive.isSensitive(found[1])) {
        errors.add(new FieldError("productId", SENSITIVE));
      } else {
        productKey = Long.valueOf(found[0]);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(
          errors.size() + " invalid value(s); nothing was stored", errors);
    }
    return productKey;
  }

  /** Trigger {@code id}'s latest {@code limit} evaluations, newest first. */
  public List<Firing> firings(long id, int limit) {
    return tx.read(
        c -> {
          existing(c, id, false);
          return TriggerStore.firings(c, id, limit);
        });
  }

  /**
   * How many purchases trigger {@code id} evaluated with each outcome ({@code fired} counts the
   * treatment arm only; fired for a held-out household is {@value Firing#HELD_OUT}).
   */
  public java.util.Map<String, Long> outcomes(long id) {
    return tx.read(
        c -> {
          existing(c, id, false);
          return TriggerStore.outcomes(c, id);
        });
  }

  /** Trigger {@code id}; {@link NotFoundException} if there is none. */
  public Trigger find(long id) {
    return tx.read(c -> existing(c, id, false).trigger());
  }

  /** Triggers newest first. */
  public List<Trigger> list(int limit, int offset) {
    return tx.read(
        c -> TriggerStore.list(c, limit, offset).stream().map(TriggerRule::trigger).toList());
  }

  /** The ids of trigger {@code id}'s campaigns, oldest window first. */
  public List<Long> campaignIds(long id) {
    return tx.read(
        c -> {
          existing(c, id, false);
          return TriggerStore.campaignIds(c, id);
        });
  }

  /** Pauses active trigger {@code id} and its running campaigns. */
  public Trigger pause(long id) {
    Trigger t = move(id, TriggerStatus.PAUSED, "running", "paused");
    campaignIds(id).forEach(c -> stopped.publishEvent(new CampaignStopped(c)));
    return t;
  }

  /**
   * Resumes paused trigger {@code id} and its paused campaigns; purchases received while it was
   * paused are not evaluated.
   */
  public Trigger resume(long id) {
    Trigger t = move(id, TriggerStatus.ACTIVE, "paused", "running");
    campaignIds(id).forEach(c -> started.publishEvent(new CampaignStarted(c)));
    return t;
  }

  private Trigger move(long id, TriggerStatus to, String campaignsFrom, String campaignsTo) {
    long now = System.currentTimeMillis();
    return tx.write(
        c -> {
          TriggerRule rule = existing(c, id, true);
          if (TriggerStatus.fromWireName(rule.trigger().status()) == to) {
            throw new CampaignConflictException(
                "Trigger " + id + " is " + to.wireName() + " already");
          }
          TriggerStore.setStatus(c, id, to, now);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE campaigns SET status = ?, updated_at = ? WHERE status = ? AND id IN"
                      + " (SELECT campaign_id FROM trigger_campaigns WHERE trigger_id = ?)")) {
            ps.setString(1, campaignsTo);
            ps.setLong(2, now);
            ps.setString(3, campaignsFrom);
            ps.setLong(4, id);
            ps.executeUpdate();
          }
          return existing(c, id, false).trigger();
        });
  }

  private static TriggerRule existing(Connection c, long id, boolean lock) throws SQLException {
    return TriggerStore.find(c, id, lock)
        .orElseThrow(() -> new NotFoundException("trigger", String.valueOf(id)));
  }

  private static boolean templateExists(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM templates WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Our id and the category path of product {@code externalId}, or null if there is none. */
  private static String[] product(Connection c, String externalId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id, category_path FROM products WHERE external_id = ?")) {
      ps.setString(1, externalId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new String[] {String.valueOf(rs.getLong(1)), rs.getString(2)} : null;
      }
    }
  }
}
