package io.affinity.campaigns.external;

/** Recipients can only be imported into external campaigns: ours freeze their own audience. */
public class NotExternalCampaignException extends RuntimeException {
  public NotExternalCampaignException(long id, String kind) {
    super(
        "Campaign "
            + id
            + " is of kind '"
            + kind
            + "'; recipients can only be imported into external campaigns");
  }
}
