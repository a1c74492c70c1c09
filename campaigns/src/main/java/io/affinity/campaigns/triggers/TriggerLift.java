package io.affinity.campaigns.triggers;

import io.affinity.campaigns.campaign.CampaignConflictException;
import io.affinity.campaigns.lift.CampaignFacts;
import io.affinity.campaigns.lift.Grouping;
import io.affinity.campaigns.lift.LiftReport;
import io.affinity.campaigns.lift.LiftReports;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * A trigger's lift report: treatment against holdout over the union of its window campaigns. The
 * report's {@code campaign} describes the trigger (its id, name, status, holdout share), with kind
 * {@code trigger}.
 */
@Singleton
public class TriggerLift {
  private final Triggers triggers;
  private final LiftReports reports;

  public TriggerLift(Triggers triggers, LiftReports reports) {
    this.triggers = triggers;
    this.reports = reports;
  }

  /**
   * The lift of trigger {@code id}.
   *
   * @throws io.affinity.core.error.NotFoundException if there is no such trigger
   * @throws CampaignConflictException if it has never fired
   */
  public LiftReport report(long id, boolean cuped, Grouping by) {
    Trigger t = triggers.find(id);
    List<Long> campaigns = triggers.campaignIds(id);
    if (campaigns.isEmpty()) {
      throw new CampaignConflictException(
          "Trigger " + id + " has not fired yet: there is no lift to report");
    }
    CampaignFacts shown =
        new CampaignFacts(
            t.id(),
            t.name(),
            "trigger",
            t.status(),
            t.createdAt(),
            null,
            t.attributionDays(),
            t.holdoutPercent().doubleValue(),
            List.of(TriggerWindows.ARM));
    return reports.report(shown, campaigns, cuped, by);
  }
}
