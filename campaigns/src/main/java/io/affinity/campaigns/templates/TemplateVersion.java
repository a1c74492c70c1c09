package io.affinity.campaigns.templates;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One saved version of a template; never changed once written.
 *
 * @param text the plain-text source, or null when the text part is generated from the HTML
 */
@Serdeable
public record TemplateVersion(
    long templateId,
    int version,
    String subject,
    String html,
    @Nullable String text,
    Instant createdAt) {}
