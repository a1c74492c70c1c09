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
    Attribution attributed = attribution.attribute(campaign, by == Grouping.RFM, cuped, TOP_ITEMS);
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
        attributed.topItems(),
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
