package io.affinity.campaigns.templates;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A template as a marketer writes it: a new template, or the next version of one.
 *
 * @param key a stable name, lower-case letters, digits, '-', '_' and '.' (creation only)
 * @param name what marketers call it; kept when an update omits it
 * @param subject the subject line (Freemarker, not escaped; line breaks become spaces)
 * @param html the HTML body (Freemarker {@code .ftlh}: every {@code ${...}} is HTML-escaped)
 * @param text the plain-text body (Freemarker); generated from the HTML when omitted
 */
@Serdeable
@Introspected
public record TemplateInput(
    @Nullable String key,
    @Nullable String name,
    @Nullable String subject,
    @Nullable String html,
    @Nullable String text) {}
