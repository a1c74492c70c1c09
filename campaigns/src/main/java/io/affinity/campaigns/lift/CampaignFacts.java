package io.affinity.campaigns.lift;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What the lift report needs to know about a campaign.
 *
 * @param id the campaign's id
 * @param name its name
 * @param kind email, external or trigger
 * @param status draft, running, finished, ...
 * @param startedAt when sending started (epoch millis), null if it has not
 * @param finishedAt when sending finished, null if it has not
 * @param attributionDays how many days after a recipient's send their purchases count
 * @param controlPercent the share of recipients held out
 * @param variants the variant names, in the campaign's order
 */
@Serdeable
public record CampaignFacts(
    long id,
    String name,
    String kind,
    String status,
    @Nullable Long startedAt,
    @Nullable Long finishedAt,
    int attributionDays,
    double controlPercent,
    List<String> variants) {

  /** The arm name of the held-out group. */
  public static final String CONTROL = "control";

  /** The length of the attribution window in milliseconds. */
  public long windowMillis() {
    return attributionDays * 86_400_000L;
  }
}
