package io.affinity.campaigns.templates;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A template with its current version and, when asked for one template, every version (newest
 * first).
 */
@Serdeable
public record TemplateView(
    long id,
    String key,
    String name,
    int currentVersion,
    Instant createdAt,
    Instant updatedAt,
    @Nullable TemplateVersion current,
    @Nullable List<TemplateVersion> versions) {}
