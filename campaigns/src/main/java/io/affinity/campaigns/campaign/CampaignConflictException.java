package io.affinity.campaigns.campaign;

/**
 * A request that the campaign's current state does not allow (pausing a draft, launching twice,
 * launching while sending is disabled); the API answers 409.
 */
public class CampaignConflictException extends RuntimeException {
  public CampaignConflictException(String message) {
    super(message);
  }
}
