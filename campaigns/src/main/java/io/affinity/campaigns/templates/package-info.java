/**
 * E-mail templates: Freemarker sources stored and versioned in the database, checked and compiled
 * in a sandbox (no class instantiation, no {@code ?api}, no Java objects beyond the model), the
 * shipped defaults loaded at startup. Each message renders within a time limit and an output size
 * limit ({@link io.affinity.campaigns.templates.RenderLimits}); a template past either, or
 * recursing without end, fails that message with {@link
 * io.affinity.campaigns.templates.TemplateLimitException}.
 */
package io.affinity.campaigns.templates;
