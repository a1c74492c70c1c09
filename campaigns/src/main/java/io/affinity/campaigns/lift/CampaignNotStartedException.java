package io.affinity.campaigns.lift;

/** A lift report was asked of a campaign that has not started: there is nothing to attribute. */
public class CampaignNotStartedException extends RuntimeException {
  public CampaignNotStartedException(long id) {
    super("Campaign " + id + " has not started; its lift can be reported once it has");
  }
}
