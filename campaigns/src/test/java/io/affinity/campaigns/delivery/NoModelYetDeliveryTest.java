package io.affinity.campaigns.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.CampaignView;
import io.affinity.campaigns.templates.TemplateInput;
import io.affinity.recommender.model.ModelHolder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A message that needs recommendations, sent before any model serves (a household trigger firing
 * while a shop's first data loads, as in the demo): its recipients wait, pending, instead of
 * failing for good.
 */
@MicronautTest(transactional = false)
class NoModelYetDeliveryTest extends GreenMailTestBase {
  @Inject ModelHolder models;

  @Test
  void recipientsWaitPendingWhileNoModelServes() throws Exception {
    // This class's own application context: no model serves in it from here on.
    models.swap(null);
    template =
        templates
            .create(
                new TemplateInput(
                    "picks-" + run,
                    "Picks " + run,
                    "Picks for ${customer.name!\"you\"}",
                    "<#list recommendations as r><p>${r.name!r.itemId}</p></#list>",
                    null))
            .id();
    List<Long> ids = audience.customers(people("n", 3, true), 1, run);
    CampaignView created = campaigns.create(input(audience.snapshot(ids), 0, null));
    campaigns.launch(created.id());
    Thread.sleep(1500); // the engine polls every 100 ms and retries after 300 ms

    assertThat(campaigns.find(created.id()).status()).isEqualTo("running");
    Map<String, Map<String, Object>> rows = recipients(created.id());
    assertThat(rows).hasSize(3);
    for (Map<String, Object> row : rows.values()) {
      assertThat(row.get("state")).as("%s", row).isEqualTo("pending");
      assertThat((String) row.get("error")).startsWith("waiting for a recommendation model");
    }
    assertThat(smtp.countsByRecipient().keySet()).noneMatch(a -> a.startsWith(run));
    // Not left running for another test class's engine (one database on MariaDB) to send.
    campaigns.cancel(created.id());
  }
}
