package io.affinity.campaigns.campaign;

/**
 * Published when a campaign starts or resumes running, so that this instance's delivery engine
 * starts sending at once instead of at its next poll.
 *
 * @param campaignId the campaign
 */
public record CampaignStarted(long campaignId) {}
