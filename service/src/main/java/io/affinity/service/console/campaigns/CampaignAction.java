package io.affinity.service.console.campaigns;

import io.affinity.campaigns.campaign.CampaignService;
import io.affinity.campaigns.campaign.CampaignView;
import java.util.Arrays;
import java.util.Optional;

/** What a marketer may do to a campaign from its page, each with the question that confirms it. */
enum CampaignAction {
  LAUNCH(
      "Launch",
      "Launch this campaign? Its audience is frozen now and sending starts (or waits for its"
          + " scheduled time). A launched campaign cannot be edited."),
  PAUSE("Pause", "Pause sending? Messages already handed over finish; nobody new is mailed."),
  RESUME("Resume", "Resume sending to the recipients not mailed yet?"),
  CANCEL(
      "Cancel",
      "Cancel this campaign? Nobody else is mailed and it cannot be resumed; copy it to send it"
          + " again.");

  final String label;
  final String question;

  CampaignAction(String label, String question) {
    this.label = label;
    this.question = question;
  }

  /** The path segment naming it: {@code launch}, {@code pause}, ... */
  String path() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static Optional<CampaignAction> of(String path) {
    return Arrays.stream(values()).filter(a -> a.path().equals(path)).findFirst();
  }

  /** Does it to campaign {@code id} as {@code actor} (recorded in the audit log). */
  CampaignView apply(CampaignService campaigns, long id, String actor) {
    return switch (this) {
      case LAUNCH -> campaigns.launch(id, actor);
      case PAUSE -> campaigns.pause(id, actor);
      case RESUME -> campaigns.resume(id, actor);
      case CANCEL -> campaigns.cancel(id, actor);
    };
  }
}
