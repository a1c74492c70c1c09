package io.affinity.campaigns.campaign;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One arm of an A/B split: a template and its share of the treatment group.
 *
 * @param name the arm's name, recorded on each recipient (letters, digits, '-' and '_')
 * @param templateId the template that renders it
 * @param templateVersion the version pinned at launch; null before
 * @param weight its share relative to the other variants' weights
 */
@Serdeable
public record Variant(String name, long templateId, @Nullable Integer templateVersion, int weight) {

  /** This variant with {@code version} pinned. */
  public Variant pinned(int version) {
    return new Variant(name, templateId, version, weight);
  }
}
