package io.affinity.campaigns.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.affinity.campaigns.delivery.Audience;
import io.affinity.campaigns.delivery.TestTemplates;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lifecycle without sending: the engine is not started here. */
@MicronautTest(transactional = false)
@Property(name = "affinity.mail.host", value = "127.0.0.1")
@Property(name = "affinity.mail.port", value = "1")
class CampaignLifecycleTest {
  @Inject CampaignService campaigns;
  @Inject Transactions tx;
  @Inject TemplateService templates;
  Audience audience;
  String run;
  long templateA;
  long templateB;

  @BeforeEach
  void setUp() {
    audience = new Audience(tx);
    run = "l" + UUID.randomUUID().toString().substring(0, 8);
    templateA = 0;
    templateB = 0;
  }

  private List<Audience.Person> people(int n) {
    List<Audience.Person> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Audience.Person(run + "-" + i, run + "-" + i + "@test.example", "N" + i, true));
    }
    return out;
  }

  /** Variant A's template, at version 2. */
  private long templateA() {
    if (templateA == 0) {
      templateA = TestTemplates.greeting(templates, "a-" + run, 2);
    }
    return templateA;
  }

  private CampaignInput input(
      long snapshot, BigDecimal control, boolean households, Instant at, long template) {
    if (templateB == 0) {
      templateB = TestTemplates.greeting(templates, "b-" + run, 4); // variant B at version 4
    }
    return new CampaignInput(
        "lifecycle " + run,
        snapshot,
        null,
        "shop@shop.example",
        null,
        List.of(
            new CampaignInput.VariantInput("A", template, 1),
            new CampaignInput.VariantInput("B", templateB, 1)),
        control,
        households,
        14,
        null,
        at,
        7L);
  }

  @Test
  void badFieldsAreAllNamedAndNothingIsStored() {
    CampaignInput bad =
        new CampaignInput(
            " ",
            null,
            null,
            "not an address\r\nBcc: x@evil.example",
            "Shop\nBcc: y",
            List.of(
                new CampaignInput.VariantInput("control", 1L, 0),
                new CampaignInput.VariantInput("A", null, 1)),
            BigDecimal.valueOf(100),
            false,
            0,
            BigDecimal.ZERO,
            null,
            null);
    assertThatThrownBy(() -> campaigns.create(bad))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder(
                        "name",
                        "snapshotId",
                        "fromAddress",
                        "fromName",
                        "variants[0].name",
                        "variants[0].weight",
                        "variants[1].templateId",
                        "controlPercent",
                        "attributionDays",
                        "sendRatePerSecond"));
    long snapshot = audience.snapshot(audience.customers(people(1), 1, run));
    assertThatThrownBy(
            () -> campaigns.create(input(snapshot, null, false, null, TestTemplates.MISSING)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(new FieldError("variants[0].templateId", "no such template")));
    assertThatThrownBy(() -> campaigns.create(input(999_999_999L, null, false, null, templateA())))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors()).extracting(FieldError::field).containsExactly("snapshotId"));
  }

  @Test
  void launchWritesEveryRecipientWithAHouseholdConsistentArm() {
    int households = 500;
    List<Long> ids = audience.customers(people(households * 4), 4, run);
    long snapshot = audience.snapshot(ids);
    CampaignView created =
        campaigns.create(input(snapshot, BigDecimal.valueOf(30), true, null, templateA()));
    CampaignView launched = campaigns.launch(created.id());

    assertThat(launched.status()).isEqualTo("running");
    assertThat(launched.startedAt()).isNotNull();
    assertThat(launched.variants()).extracting(Variant::templateVersion).containsExactly(2, 4);
    assertThat(launched.progress().recipients()).isEqualTo(households * 4L);
    Map<Long, String> armByHousehold = new HashMap<>();
    int controlHouseholds = 0;
    for (Object[] r : armsWithHouseholds(created.id())) {
      String previous = armByHousehold.putIfAbsent((Long) r[0], (String) r[1]);
      if (previous == null && r[1].equals("control")) {
        controlHouseholds++;
      }
      assertThat(previous == null || previous.equals(r[1]))
          .as("household %s: %s and %s", r[0], previous, r[1])
          .isTrue();
      assertThat(r[2]).isEqualTo(r[1].equals("control") ? "control" : "pending");
    }
    assertThat(armByHousehold).hasSize(households);
    BinomialDistribution d = new BinomialDistribution(households, 0.3);
    assertThat(controlHouseholds)
        .isBetween(d.inverseCumulativeProbability(1e-6), d.inverseCumulativeProbability(1 - 1e-6));
    assertThat(launched.progress().states().get("control")).isEqualTo(controlHouseholds * 4L);
  }

  @Test
  void launchWritesEachRecipientsSegmentOfThatMoment() {
    List<Long> ids = audience.customers(people(3), 1, run);
    audience.update(
        "INSERT INTO customer_metrics (customer_id, rfm_segment, computed_at) VALUES (?, ?, 0)",
        ids.get(0),
        "champions");
    audience.update(
        "INSERT INTO customer_metrics (customer_id, computed_at) VALUES (?, 0)", ids.get(1));
    long id = campaigns.create(input(audience.snapshot(ids), null, false, null, templateA())).id();
    campaigns.launch(id);
    audience.update(
        "UPDATE customer_metrics SET rfm_segment = 'loyal' WHERE customer_id = ?", ids.get(0));

    assertThat(segments(id))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(ids.get(0), "champions", ids.get(1), "unknown", ids.get(2), "unknown"));
  }

  @Test
  void invalidTransitionsAreConflictsAndCancelStopsThePending() {
    long snapshot = audience.snapshot(audience.customers(people(5), 1, run));
    long id = campaigns.create(input(snapshot, null, false, null, templateA())).id();

    assertThatThrownBy(() -> campaigns.pause(id)).isInstanceOf(CampaignConflictException.class);
    assertThatThrownBy(() -> campaigns.resume(id)).isInstanceOf(CampaignConflictException.class);
    assertThat(campaigns.launch(id).status()).isEqualTo("running");
    assertThatThrownBy(() -> campaigns.launch(id))
        .isInstanceOf(CampaignConflictException.class)
        .hasMessageContaining("is running");
    assertThatThrownBy(() -> campaigns.resume(id)).isInstanceOf(CampaignConflictException.class);
    assertThat(campaigns.pause(id).status()).isEqualTo("paused");
    assertThatThrownBy(() -> campaigns.pause(id)).isInstanceOf(CampaignConflictException.class);
    assertThat(campaigns.resume(id).status()).isEqualTo("running");
    CampaignView cancelled = campaigns.cancel(id);
    assertThat(cancelled.status()).isEqualTo("cancelled");
    assertThat(cancelled.finishedAt()).isNotNull();
    assertThat(cancelled.progress().states())
        .containsEntry("pending", 0L)
        .containsEntry("cancelled", 5L);
    assertThatThrownBy(() -> campaigns.resume(id)).isInstanceOf(CampaignConflictException.class);
    assertThatThrownBy(() -> campaigns.cancel(id)).isInstanceOf(CampaignConflictException.class);
  }

  @Test
  void aScheduledCampaignStartsWhenDue() {
    long snapshot = audience.snapshot(audience.customers(people(2), 1, run));
    Instant at = Instant.now().plusSeconds(3600);
    long id = campaigns.create(input(snapshot, null, false, at, templateA())).id();
    CampaignView scheduled = campaigns.launch(id);
    assertThat(scheduled.status()).isEqualTo("scheduled");
    assertThat(scheduled.progress().states().get("pending")).isEqualTo(2L);

    assertThat(campaigns.startDue(at.toEpochMilli() - 1000)).doesNotContain(id);
    assertThat(campaigns.startDue(at.toEpochMilli())).contains(id);
    assertThat(campaigns.find(id).status()).isEqualTo("running");
  }

  private Map<Long, String> segments(long campaignId) {
    return tx.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT customer_id, rfm_segment FROM campaign_recipients WHERE campaign_id = ?")) {
            ps.setLong(1, campaignId);
            Map<Long, String> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
              }
            }
            return out;
          }
        });
  }

  private List<Object[]> armsWithHouseholds(long campaignId) {
    return tx.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT cu.household_id, r.arm, r.state FROM campaign_recipients r"
                      + " JOIN customers cu ON cu.id = r.customer_id WHERE r.campaign_id = ?")) {
            ps.setLong(1, campaignId);
            List<Object[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)});
              }
            }
            return out;
          }
        });
  }
}
