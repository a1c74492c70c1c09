package io.affinity.campaigns.lift;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Computes a campaign's {@link LiftReport}: attribution from indexed rows, statistics on sums. */
@Singleton
public class LiftReports {
  /** Items listed in the clicks section. */
  public static final int TOP_ITEMS = 20;

  /** The pooled arm of all variants. */
  public static final String TREATMENT = "treatment";

  private final CampaignLookup campaigns;
  private final CampaignAttribution attribution;

  public LiftReports(CampaignLookup campaigns, CampaignAttribution attribution) {
    this.campaigns = campaigns;
    this.attribution = attribution;
  }

  /**
   * The campaign {@code id}.
   *
   * @throws io.affinity.core.error.NotFoundException if there is none
   */
  public CampaignFacts campaign(long id) {
    return campaigns.find(id);
  }

  /**
   * The lift of campaign {@code id}.
   *
   * @param cuped adjust revenue by pre-campaign spend
   * @param by how to split the campaign besides the overall figures
   * @throws io.affinity.core.error.NotFoundException if there is no such campaign
   * @throws CampaignNotStartedException if it has not started
   */
  public LiftReport report(long id, boolean cuped, Grouping by) {
    CampaignFacts campaign = campaigns.find(id);
    if (campaign.startedAt() == null) {
      throw new CampaignNotStartedException(id);
    }
    return combined(campaign, List.of(campaign), cuped, by);
  }

  /**
   * The lift of campaigns {@code ids} taken together, such as a household trigger's window
   * campaigns: each is attributed on its own (every recipient row in its own window), the per-arm
   * sums are added, and the statistics are computed once on the totals. Campaigns that have not
   * started are left out.
   *
   * @param shown what the report names as its campaign
   * @throws io.affinity.core.error.NotFoundException if one of them does not exist
   * @throws IllegalArgumentException if none has started
   */
  public LiftReport report(CampaignFacts shown, List<Long> ids, boolean cuped, Grouping by) {
    List<CampaignFacts> parts = new ArrayList<>();
    for (long id : ids) {
      CampaignFacts part = campaigns.find(id);
      if (part.startedAt() != null) {
        parts.add(part);
      }
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("none of campaigns " + ids + " has started");
    }
    return combined(shown, parts, cuped, by);
  }

  private LiftReport combined(
      CampaignFacts campaign, List<CampaignFacts> parts, boolean cuped, Grouping by) {
    // Several parts list every clicked item, so that the top ones are chosen on the totals.
    int items = parts.size() == 1 ? TOP_ITEMS : Integer.MAX_VALUE;
    Attribution attributed = null;
    for (CampaignFacts part : parts) {
      Attribution one = attribution.attribute(part, by == Grouping.RFM, cuped, items);
      attributed = attributed == null ? one : attributed.plus(one);
    }
    Map<String, ArmSummary> arms = attributed.byArm();
    ArmSummary control = arms.getOrDefault(CampaignFacts.CONTROL, ArmSummary.empty());
    ArmSummary treatment = pooledTreatment(arms);
    Comparison overall = Comparisons.compare(Attribution.ALL, TREATMENT, treatment, control, cuped);
    List<Comparison> groups = new ArrayList<>();
    if (by == Grouping.VARIANT) {
      for (String variant : variants(campaign, arms)) {
        groups.add(
            Comparisons.compare(
                variant, variant, arms.getOrDefault(variant, ArmSummary.empty()), control, cuped));
      }
    } else if (by == Grouping.RFM) {
      attributed
          .byGroup()
          .forEach(
              (segment, segmentArms) ->
                  groups.add(
                      Comparisons.compare(
                          segment,
                          TREATMENT,
                          pooledTreatment(segmentArms),
                          segmentArms.getOrDefault(CampaignFacts.CONTROL, ArmSummary.empty()),
                          cuped)));
    }
    return new LiftReport(
        campaign,
        cuped,
        by == Grouping.NONE ? null : by.wireName(),
        overall,
        groups,
        attributed.topItems().stream().limit(TOP_ITEMS).toList(),
        daily(attributed, campaign, treatment, control),
        System.currentTimeMillis());
  }

  /** The campaign's variants in its order, then any other arm found among the recipients. */
  private static Set<String> variants(CampaignFacts campaign, Map<String, ArmSummary> arms) {
    Set<String> names = new LinkedHashSet<>(campaign.variants());
    names.addAll(arms.keySet());
    names.remove(CampaignFacts.CONTROL);
    return names;
  }

  private static ArmSummary pooledTreatment(Map<String, ArmSummary> arms) {
    ArmSummary pooled = ArmSummary.empty();
    for (Map.Entry<String, ArmSummary> arm : arms.entrySet()) {
      if (!arm.getKey().equals(CampaignFacts.CONTROL)) {
        pooled = pooled.plus(arm.getValue());
      }
    }
    return pooled;
  }

  private static List<DailyConversions> daily(
      Attribution attributed, CampaignFacts campaign, ArmSummary treatment, ArmSummary control) {
    int days = Math.max(1, campaign.attributionDays());
    long[] t = new long[days];
    long[] c = new long[days];
    attributed
        .firstPurchasesByDay()
        .forEach(
            (arm, perDay) -> {
              long[] into = arm.equals(CampaignFacts.CONTROL) ? c : t;
              for (int d = 0; d < days && d < perDay.length; d++) {
                into[d] += perDay[d];
              }
            });
    return List.of(
        new DailyConversions(TREATMENT, treatment.recipients(), cumulate(t)),
        new DailyConversions(CampaignFacts.CONTROL, control.recipients(), cumulate(c)));
  }

  private static long[] cumulate(long[] perDay) {
    long[] out = perDay.clone();
    for (int i = 1; i < out.length; i++) {
      out[i] += out[i - 1];
    }
    return out;
  }
}
