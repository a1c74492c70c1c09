package io.affinity.campaigns.campaign;

/**
 * The audit log's names for what people do to campaigns: each launch, pause, resume, cancel, edit,
 * copy and reschedule is appended in the transaction that does it, with who did it (an API key's
 * name or a console user's).
 */
public final class CampaignAudit {
  /** Subject type: a campaign, named by its id. */
  public static final String CAMPAIGN = "campaign";

  /** Action: a draft was launched. */
  public static final String LAUNCH = "campaign-launch";

  /** Action: a running campaign was paused. */
  public static final String PAUSE = "campaign-pause";

  /** Action: a paused campaign was resumed. */
  public static final String RESUME = "campaign-resume";

  /** Action: a campaign was cancelled. */
  public static final String CANCEL = "campaign-cancel";

  /** Action: a draft's settings were changed. */
  public static final String EDIT = "campaign-edit";

  /** Action: a campaign was copied into a new draft (the subject is the new draft). */
  public static final String COPY = "campaign-copy";

  /** Action: a draft's or scheduled campaign's start time was changed. */
  public static final String RESCHEDULE = "campaign-reschedule";

  /** Who acted when a caller names nobody (code inside the service, a test). */
  public static final String SYSTEM = "system";

  private CampaignAudit() {}
}
