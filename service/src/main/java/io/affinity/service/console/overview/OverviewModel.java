package io.affinity.service.console.overview;

import io.affinity.campaigns.campaign.CampaignProgress;
import io.affinity.campaigns.campaign.CampaignService;
import io.affinity.campaigns.campaign.CampaignStatus;
import io.affinity.campaigns.campaign.CampaignView;
import io.affinity.campaigns.lift.CampaignNotStartedException;
import io.affinity.campaigns.lift.Comparison;
import io.affinity.campaigns.lift.Grouping;
import io.affinity.campaigns.lift.LiftReport;
import io.affinity.campaigns.lift.LiftReports;
import io.affinity.core.customer.CustomerRepository;
import io.affinity.core.value.CustomerValueQueries;
import io.affinity.core.value.ValueSummary;
import io.affinity.recommender.evaluation.HoldoutCheck;
import io.affinity.recommender.model.ModelHolder;
import io.affinity.recommender.model.ModelInfo;
import io.affinity.service.console.Formats;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers the overview's figures from the beans the API uses (customers, customer value, campaigns,
 * lift reports, the model holder) and formats them as text for the template.
 */
@Singleton
public class OverviewModel {
  /** How many campaigns under way, and how many lift results, the page shows. */
  static final int SHOWN = 5;

  private final CustomerRepository customers;
  private final CustomerValueQueries values;
  private final CampaignService campaigns;
  private final LiftReports lift;
  private final ModelHolder models;

  public OverviewModel(
      CustomerRepository customers,
      CustomerValueQueries values,
      CampaignService campaigns,
      LiftReports lift,
      ModelHolder models) {
    this.customers = customers;
    this.values = values;
    this.campaigns = campaigns;
    this.lift = lift;
    this.models = models;
  }

  /** The figures, as entries of the page's model. */
  public Map<String, Object> figures() {
    Map<String, Object> m = new LinkedHashMap<>();
    ValueSummary summary = values.summary();
    m.put("customers", Formats.count(customers.count()));
    m.put("buyers", Formats.count(summary.buyers()));
    m.put("revenue", Formats.money(summary.revenue()));
    m.put("predictedClv", Formats.money(summary.predictedClv12m()));
    m.put("valueAsOf", Formats.time(summary.asOf()));
    m.put("active", active());
    m.put("lifts", lifts());
    m.put("model", model());
    return m;
  }

  private List<Map<String, Object>> active() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CampaignStatus status :
        List.of(CampaignStatus.RUNNING, CampaignStatus.PAUSED, CampaignStatus.SCHEDULED)) {
      for (CampaignView listed : campaigns.list(status, SHOWN, 0)) {
        if (rows.size() >= SHOWN) {
          return rows;
        }
        CampaignView c = campaigns.find(listed.id());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", Long.toString(c.id()));
        row.put("name", c.name());
        row.put("status", c.status());
        CampaignProgress p = c.progress();
        long total = p == null ? 0 : p.recipients();
        long done = p == null ? 0 : done(p);
        row.put("recipients", Formats.count(total));
        row.put("done", Formats.count(done));
        row.put("percent", total == 0 ? 0 : (int) Math.min(100, done * 100 / total));
        row.put(
            "eta",
            p == null || p.etaSeconds() == null ? "-" : Formats.count(p.etaSeconds()) + " s");
        rows.add(row);
      }
    }
    return rows;
  }

  /** Recipients no longer waiting: every state but pending and claimed (being sent). */
  private static long done(CampaignProgress p) {
    long waiting = p.states().getOrDefault("pending", 0L) + p.states().getOrDefault("claimed", 0L);
    return Math.max(0, p.recipients() - waiting);
  }

  private List<Map<String, Object>> lifts() {
    List<Map<String, Object>> rows = new ArrayList<>();
    List<CampaignView> recent = new ArrayList<>(campaigns.list(CampaignStatus.RUNNING, SHOWN, 0));
    recent.addAll(campaigns.list(CampaignStatus.FINISHED, SHOWN, 0));
    recent.sort((a, b) -> Long.compare(b.id(), a.id()));
    for (CampaignView c : recent.subList(0, Math.min(SHOWN, recent.size()))) {
      LiftReport r;
      try {
        r = lift.report(c.id(), false, Grouping.NONE);
      } catch (CampaignNotStartedException e) {
        // Launched but not started sending (a scheduled start, a trigger's window not opened):
        // nothing to report yet, and one such campaign must not take the page down.
        continue;
      }
      Comparison o = r.overall();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", Long.toString(c.id()));
      row.put("name", c.name());
      row.put("status", c.status());
      row.put("treatmentRate", Formats.percent(o.treatment().conversionRate()));
      row.put("controlRate", Formats.percent(o.control().conversionRate()));
      if (o.conversion() != null) {
        row.put("lift", Formats.percent(o.conversion().absoluteLift().value()));
        row.put(
            "interval",
            Formats.percent(o.conversion().absoluteLift().low())
                + " to "
                + Formats.percent(o.conversion().absoluteLift().high()));
        row.put("p", Formats.decimal(o.conversion().pValue(), 3));
      } else {
        row.put("lift", "-");
        row.put("interval", "-");
        row.put("p", "-");
      }
      row.put("warnings", o.warnings());
      rows.add(row);
    }
    return rows;
  }

  private Map<String, Object> model() {
    Map<String, Object> m = new LinkedHashMap<>();
    Optional<ModelInfo> served = models.info();
    m.put("present", served.isPresent());
    served.ifPresent(
        info -> {
          m.put("version", Long.toString(info.version()));
          m.put("created", Formats.time(info.createdAt()));
          m.put("window", Formats.date(info.dataFrom()) + " to " + Formats.date(info.dataTo()));
          m.put("events", Formats.count(info.events()));
          m.put("users", Formats.count(info.users()));
          m.put("items", Formats.count(info.items()));
          HoldoutCheck.Result h = info.metrics();
          m.put("holdout", h != null);
          if (h != null) {
            m.put("k", Integer.toString(h.k()));
            m.put("holdoutCustomers", Formats.count(h.customers()));
            m.put("ndcg", Formats.decimal(h.ndcg(), 4));
            m.put("popularityNdcg", Formats.decimal(h.popularityNdcg(), 4));
            m.put("recall", Formats.decimal(h.recall(), 4));
            m.put("popularityRecall", Formats.decimal(h.popularityRecall(), 4));
            m.put("hitRate", Formats.percent(h.hitRate()));
          }
        });
    return m;
  }
}
