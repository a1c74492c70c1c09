package io.affinity.campaigns.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.CampaignInput;
import io.affinity.campaigns.campaign.CampaignView;
import io.affinity.campaigns.templates.TemplateInput;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runaway templates in running campaigns (render time limit 300 ms, output limit 64 KiB): each
 * recipient fails with the reason and frees its sending thread within the limit, the campaign
 * pauses itself with the reason after most of its first recipients failed, pause and cancel leave
 * no row claimed, and another campaign sends meanwhile.
 */
@MicronautTest(transactional = false)
class RunawayTemplateDeliveryTest extends GreenMailTestBase {
  private static final long LIMIT_MS = 300;
  private static final long SLACK_MS = 3000;

  @Override
  protected Map<String, String> moreProperties() {
    return Map.of(
        "affinity.templates.render-timeout", LIMIT_MS + "ms",
        "affinity.templates.max-output", "65536",
        "affinity.templates.load-defaults", "false");
  }

  private long runawayTemplate(String html) {
    return templates
        .create(new TemplateInput("runaway-" + run, "Runaway " + run, "Hi", html, null))
        .id();
  }

  private long launch(long templateId, String tag, int people) {
    List<Long> ids = audience.customers(people(tag, people, true), 1, run);
    CampaignView created =
        campaigns.create(
            new CampaignInput(
                "campaign " + run + " " + tag,
                audience.snapshot(ids),
                null,
                "shop@shop.example",
                "The Shop",
                List.of(new CampaignInput.VariantInput("A", templateId, 1)),
                BigDecimal.ZERO,
                false,
                7,
                null,
                null,
                42L));
    campaigns.launch(created.id());
    return created.id();
  }

  private long count(long campaign, String state) {
    return ((Number)
            rows(
                    "SELECT COUNT(*) AS n FROM campaign_recipients WHERE campaign_id = ?"
                        + " AND state = ?",
                    campaign,
                    state)
                .get(0)
                .get("n"))
        .longValue();
  }

  /** Waits until campaign {@code id} has no claimed row; fails after {@code ms}. */
  private void awaitNoClaims(long id, long ms) throws InterruptedException {
    long until = System.currentTimeMillis() + ms;
    while (count(id, "claimed") > 0 && System.currentTimeMillis() < until) {
      Thread.sleep(20);
    }
    assertThat(count(id, "claimed")).as("rows of campaign %d still claimed", id).isZero();
  }

  /** The sending threads that are inside Freemarker now. */
  private static List<String> sendersRendering() {
    List<String> busy = new ArrayList<>();
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      if (!e.getKey().getName().startsWith("delivery-sender-")) {
        continue;
      }
      for (StackTraceElement frame : e.getValue()) {
        if (frame.getClassName().startsWith("freemarker.")) {
          busy.add(e.getKey().getName());
          break;
        }
      }
    }
    return busy;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "endless list | <p>\\n<#list 1.. as i></#list> | render time limit of 300 ms",
        "huge range | <#list 1..2000000000 as i></#list> | render time limit of 300 ms",
        "huge range with output | <p>\\n<#list 1..2000000000 as i>x</#list>"
            + " | output size limit of 64 KiB at line 2",
        "huge output | <#list 1..100 as i>${'x'?left_pad(10000)}</#list> | output size limit",
        "deep recursion | <#macro f><@f/></#macro><@f/> | nested too deeply",
      })
  void aRunawayTemplateFailsItsRecipientsAndPausesItsCampaignWhileOthersSend(
      String what, String html, String says) throws Exception {
    long runaway = launch(runawayTemplate(html.replace("\\n", "\n")), "rw", 50);
    long healthy = launch(template, "ok", 12);

    long until = System.currentTimeMillis() + 60_000;
    while (!campaigns.find(runaway).status().equals("paused")
        && count(runaway, "pending") + count(runaway, "claimed") > 0
        && System.currentTimeMillis() < until) {
      Thread.sleep(20);
    }
    for (Map<String, Object> row : recipients(runaway).values()) {
      if ("failed".equals(row.get("state"))) {
        assertThat((String) row.get("error"))
            .as(what)
            .startsWith("could not render: Template ")
            .contains(says);
      }
    }
    CampaignView paused = awaitStatus(runaway, "paused", 1);
    assertThat(paused.pausedReason())
        .as(what)
        .startsWith("Paused: the template failed for 18 of the first 18 recipients; the last:")
        .contains(says);
    awaitNoClaims(runaway, LIMIT_MS + SLACK_MS);
    // 18 failures pause it; a render of it in flight on the other sending thread may fail too.
    long failed = count(runaway, "failed");
    assertThat(failed).isBetween(18L, 20L);
    assertThat(count(runaway, "pending")).isEqualTo(50 - failed);
    assertThat(count(runaway, "sent")).isZero();
    // The other campaign sent everyone meanwhile.
    CampaignView done = awaitStatus(healthy, "finished", 60);
    // Then no sending thread stays inside a template beyond the limit and its slack (checked only
    // now: the healthy campaign's own renders are in Freemarker too while it sends).
    long quiet = System.currentTimeMillis() + LIMIT_MS + SLACK_MS;
    while (!sendersRendering().isEmpty() && System.currentTimeMillis() < quiet) {
      Thread.sleep(20);
    }
    assertThat(sendersRendering()).isEmpty();
    assertThat(done.progress().states()).containsEntry("sent", 12L);
    assertThat(smtp.countsByRecipient().keySet())
        .filteredOn(a -> a.startsWith(run + "-ok"))
        .hasSize(12);
    assertThat(smtp.countsByRecipient().keySet()).noneMatch(a -> a.startsWith(run + "-rw"));

    // Resumed, it is counted afresh: it pauses again, its reason back.
    campaigns.resume(runaway);
    assertThat(campaigns.find(runaway).pausedReason()).isNull();
    CampaignView again = awaitStatus(runaway, "paused", 60);
    assertThat(again.pausedReason()).contains(says);
    awaitNoClaims(runaway, LIMIT_MS + SLACK_MS);
    // Renders in flight when it first paused (failed - 18 of them) already count afresh.
    assertThat(count(runaway, "failed")).isBetween(failed + 16, failed + 20);
    campaigns.cancel(runaway);
    assertThat(count(runaway, "pending")).isZero();
    assertThat(count(runaway, "claimed")).isZero();
  }

  @Test
  void pauseAndCancelOfARunawayCampaignLeaveNoRowClaimedWithinTheLimit() throws Exception {
    long runaway = launch(runawayTemplate("<#list 1.. as i></#list>"), "pc", 40);
    long until = System.currentTimeMillis() + 30_000;
    while (count(runaway, "failed") == 0 && System.currentTimeMillis() < until) {
      Thread.sleep(10);
    }
    assertThat(count(runaway, "claimed")).as("a batch in hand").isPositive();

    long start = System.currentTimeMillis();
    campaigns.pause(runaway);
    awaitNoClaims(runaway, LIMIT_MS + SLACK_MS);
    long pausedAfter = System.currentTimeMillis() - start;
    assertThat(pausedAfter).isLessThan(LIMIT_MS + SLACK_MS);
    assertThat(campaigns.find(runaway).pausedReason()).as("paused by hand").isNull();
    long failed = count(runaway, "failed");
    assertThat(failed).isBetween(1L, 17L);
    assertThat(count(runaway, "pending")).isEqualTo(40 - failed);

    campaigns.resume(runaway);
    until = System.currentTimeMillis() + 30_000;
    while (count(runaway, "failed") == failed && System.currentTimeMillis() < until) {
      Thread.sleep(10);
    }
    campaigns.cancel(runaway);
    awaitNoClaims(runaway, LIMIT_MS + SLACK_MS);
    assertThat(count(runaway, "pending")).isZero();
    assertThat(count(runaway, "failed") + count(runaway, "cancelled")).isEqualTo(40);
    assertThat(campaigns.find(runaway).status()).isEqualTo("cancelled");
  }
}
