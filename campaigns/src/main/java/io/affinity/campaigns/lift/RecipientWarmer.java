package io.affinity.campaigns.lift;

import io.affinity.campaigns.campaign.CampaignStarted;
import io.affinity.campaigns.external.RecipientsImported;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attributes the latest campaigns in the background, shortly after start and then every few
 * minutes, so that an analyst's first lift report after a restart or after the sends finds their
 * recipients ({@link RecipientCache}, saved for other nodes too) and the purchases of their periods
 * ({@link KeptPurchases}) kept: reading a million recipients and a few hundred thousand purchases
 * is most of a first report's time. Kept rows cost only their fingerprint and count; changed ones
 * are read again.
 */
@Singleton
public class RecipientWarmer {
  /** Campaigns whose attribution window closed longer ago than this are left cold. */
  static final long RECENT_DAYS = 30;

  private static final Logger LOG = LoggerFactory.getLogger(RecipientWarmer.class);
  private static final long DAY = 86_400_000L;
  // The latest started, filtered here: the window arithmetic overflows INT columns in SQL.
  private static final String LATEST =
      """
      SELECT id, started_at, attribution_days FROM campaigns WHERE started_at IS NOT NULL
      ORDER BY started_at DESC, id DESC
      """;
  private static final int CANDIDATES = 100;

  private final TransactionOperations<Connection> tx;
  private final CampaignLookup campaigns;
  private final CampaignAttribution attribution;
  private final RecipientCache cache;
  private final ExecutorService blocking;
  private final boolean warmOnStart;

  public RecipientWarmer(
      TransactionOperations<Connection> tx,
      CampaignLookup campaigns,
      CampaignAttribution attribution,
      RecipientCache cache,
      @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
      @Value("${affinity.lift.warm-on-start:false}") boolean warmOnStart) {
    this.tx = tx;
    this.campaigns = campaigns;
    this.attribution = attribution;
    this.cache = cache;
    this.blocking = blocking;
    this.warmOnStart = warmOnStart;
  }

  /**
   * With {@code affinity.lift.warm-on-start}, reads a campaign's rows in the background as soon as
   * it starts (launch, resume, a scheduled start, a trigger's new window) or its recipients are
   * imported, and so saves them ({@link RecipientSnapshots}): no analyst's report is then the first
   * to read them whole.
   */
  @EventListener
  void onStarted(CampaignStarted event) {
    warmLater(event.campaignId());
  }

  /** As {@link #onStarted}, for an external campaign whose recipients were imported. */
  @EventListener
  void onImported(RecipientsImported event) {
    warmLater(event.campaignId());
  }

  private void warmLater(long id) {
    if (warmOnStart) {
      blocking.execute(() -> warmOne(id));
    }
  }

  private void warmOne(long id) {
    try {
      attribution.attribute(campaigns.find(id), true, true, 1);
    } catch (RuntimeException e) {
      LOG.warn("Could not read the rows of started campaign {} ahead: {}", id, e.toString());
    }
  }

  @Scheduled(
      initialDelay = "${affinity.lift.warm-after-start:20s}",
      fixedDelay = "${affinity.lift.warm-every:5m}")
  void scheduled() {
    try {
      warm(System.currentTimeMillis());
    } catch (RuntimeException e) {
      // A report reads what it needs itself; a failed warm-up only costs the next one time.
      LOG.warn("Could not read the latest campaigns' recipients ahead: {}", e.toString());
    }
  }

  /**
   * Keeps the recipients, with their segments, and the purchases of the window and pre-period of
   * the {@link RecipientCache#CAMPAIGNS} latest started campaigns whose window is open or closed
   * less than {@link #RECENT_DAYS} ago at {@code now}; returns their ids.
   */
  List<Long> warm(long now) {
    List<Long> ids =
        tx.executeRead(
            status -> {
              List<Long> latest = new ArrayList<>();
              try (PreparedStatement ps = status.getConnection().prepareStatement(LATEST)) {
                ps.setMaxRows(CANDIDATES);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next() && latest.size() < RecipientCache.CAMPAIGNS) {
                    if (rs.getLong(2) + (rs.getLong(3) + RECENT_DAYS) * DAY > now) {
                      latest.add(rs.getLong(1));
                    }
                  }
                }
              } catch (SQLException e) {
                throw new IllegalStateException("Could not list the latest campaigns", e);
              }
              return latest;
            });
    // Oldest first: the cache evicts the least recently used, so the latest stays longest.
    for (int k = ids.size() - 1; k >= 0; k--) {
      // By segment and with the pre-period: what the most demanding report reads, so that every
      // report finds its rows kept. The attribution's matching is small beside the reading.
      attribution.attribute(campaigns.find(ids.get(k)), true, true, 1);
      cache.saveChanged(ids.get(k)); // the sends merged since the last save, for other nodes
    }
    return ids;
  }
}
