package io.affinity.campaigns.campaign;

/**
 * Published when a campaign is paused or cancelled, so that this instance's delivery engine stops
 * working on it at once (the rest of a batch in flight is released) instead of at its next poll.
 * Other instances still learn of it at their next poll; their claims are refused already.
 *
 * @param campaignId the campaign
 */
public record CampaignStopped(long campaignId) {}
