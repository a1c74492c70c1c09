package io.affinity.campaigns.external;

/**
 * Published after recipients of an external campaign were imported (committed), so that the lift
 * report's rows can be read ahead of the first report.
 *
 * @param campaignId the external campaign
 */
public record RecipientsImported(long campaignId) {}
