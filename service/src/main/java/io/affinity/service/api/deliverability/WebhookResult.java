package io.affinity.service.api.deliverability;

import io.affinity.campaigns.deliverability.ReportResult;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The answer to a webhook call.
 *
 * @param received how many reports the body held
 * @param reports per report, in order: what it matched and what was done
 * @param notes events read that needed nothing, and anything else worth saying
 */
@Serdeable
public record WebhookResult(int received, List<ReportResult> reports, List<String> notes) {}
