package io.affinity.campaigns.external;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * The outcome of a recipient import: everything was stored.
 *
 * @param campaignId the campaign
 * @param imported recipients stored
 * @param byArm recipients stored per arm
 */
@Serdeable
public record ImportedRecipients(long campaignId, long imported, Map<String, Long> byArm) {}
