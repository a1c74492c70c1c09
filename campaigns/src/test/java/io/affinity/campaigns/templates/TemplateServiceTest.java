package io.affinity.campaigns.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Templates stored and versioned in the database; shipped defaults loaded once. */
@MicronautTest(transactional = false)
@Property(name = "affinity.data-dir", value = "target/test-data")
@Property(name = "affinity.templates.defaults-dir", value = "../templates")
class TemplateServiceTest {
  @Inject TemplateService templates;
  @Inject DefaultTemplates defaults;
  @Inject TemplateCache cache;

  private final String key = "t-" + UUID.randomUUID().toString().substring(0, 8);

  private static TemplateInput input(String key, String subject) {
    return new TemplateInput(key, "A test", subject, "<p>Hi ${customer.name!}</p>", null);
  }

  @Test
  void everySaveIsANewVersionAndOldVersionsStay() {
    TemplateView created = templates.create(input(key, "First"));
    assertThat(created.currentVersion()).isEqualTo(1);
    TemplateView updated =
        templates.update(
            created.id(), new TemplateInput(null, "Renamed", "Second", "<p>v2</p>", "v2 text"));
    assertThat(updated.currentVersion()).isEqualTo(2);
    assertThat(updated.name()).isEqualTo("Renamed");
    assertThat(updated.versions())
        .extracting(TemplateVersion::version, TemplateVersion::subject)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, "Second"),
            org.assertj.core.groups.Tuple.tuple(1, "First"));
    assertThat(templates.version(created.id(), 1).html()).isEqualTo("<p>Hi ${customer.name!}</p>");
    assertThat(templates.version(created.id(), 2).text()).isEqualTo("v2 text");
    assertThat(templates.currentVersion(created.id())).isEqualTo(2);
    // a pinned version renders the same after later saves
    assertThat(cache.get(created.id(), 1).version()).isEqualTo(1);
  }

  @Test
  void aRejectedSaveWritesNothing() {
    TemplateView created = templates.create(input(key, "First"));
    assertThatThrownBy(
            () ->
                templates.update(
                    created.id(),
                    new TemplateInput(null, null, "S", "<p>${\"x\"?new()}</p>", null)))
        .isInstanceOf(TemplateRejectedException.class);
    assertThat(templates.get(created.id()).versions()).hasSize(1);
    assertThatThrownBy(() -> templates.create(input(key + "-bad", "${x?api.y}")))
        .isInstanceOf(TemplateRejectedException.class);
    assertThat(templates.idOfKey(key + "-bad")).isEmpty();
  }

  @Test
  void aKeyIsUniqueAndFieldsAreChecked() {
    templates.create(input(key, "First"));
    assertThatThrownBy(() -> templates.create(input(key, "Again")))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly("key"));
    assertThatThrownBy(() -> templates.create(new TemplateInput("Bad Key", null, null, null, null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.field())
                    .containsExactlyInAnyOrder("key", "name", "subject", "html"));
    assertThatThrownBy(() -> templates.get(Long.MAX_VALUE)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> templates.version(Long.MAX_VALUE, 1))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void theShippedTemplatesAreInTheDatabaseOnceAndAllPassTheSandbox() {
    assertThat(defaults.shipped())
        .extracting(TemplateInput::key)
        .containsExactlyInAnyOrder(
            "recommendations-newsletter",
            "cross-sell-offer",
            "upsell-offer",
            "win-back",
            "household-picks");
    // loaded at startup already: a second load adds nothing
    assertThat(defaults.load()).isZero();
    for (TemplateInput t : defaults.shipped()) {
      long id = templates.idOfKey(t.key()).orElseThrow();
      assertThat(templates.get(id).versions()).isNotEmpty();
      assertThat(cache.get(id, 1).usesRecommendations() || cache.get(id, 1).usesOffers()).isTrue();
    }
  }
}
