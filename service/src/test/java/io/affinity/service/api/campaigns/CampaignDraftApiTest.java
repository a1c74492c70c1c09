package io.affinity.service.api.campaigns;

import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.campaign.CampaignAudit;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.core.audit.AuditEntry;
import io.affinity.core.audit.AuditLog;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code PUT /api/campaigns/{id}}, {@code POST .../copy} and {@code PUT .../schedule}. */
@MicronautTest(transactional = false)
class CampaignDraftApiTest extends ApiTestBase {
  @Inject Transactions tx;
  @Inject AuditLog audit;

  private long template() {
    Reply created =
        api.post(
            "/api/templates",
            "{\"key\":\"draft-"
                + run
                + "\",\"name\":\"Draft\",\"subject\":\"Hello\",\"html\":\"<p>Hi</p>\"}",
            MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return ((Number) created.json().get("id")).longValue();
  }

  private String body(String name, long snapshot, long template, String extra) {
    return "{\"name\":\""
        + name
        + "\",\"snapshotId\":"
        + snapshot
        + ",\"fromAddress\":\"shop@shop.example\",\"variants\":[{\"name\":\"A\",\"templateId\":"
        + template
        + ",\"weight\":2}]"
        + extra
        + "}";
  }

  private long draft(long template) {
    long snapshot = Snapshots.of(tx, "nobody-" + run);
    Reply created =
        api.post("/api/campaigns", body("draft " + run, snapshot, template, ""), MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return ((Number) created.json().get("id")).longValue();
  }

  private List<AuditEntry> audited(long id) {
    return tx.read(c -> audit.about(c, CampaignAudit.CAMPAIGN, String.valueOf(id), null));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDraftIsEditedAndTheEditIsAudited() {
    long template = template();
    long id = draft(template);
    long snapshot = Snapshots.of(tx, "nobody-" + run);

    Reply edited =
        api.put(
            "/api/campaigns/" + id,
            body(
                "edited " + run,
                snapshot,
                template,
                ",\"controlPercent\":12.5,\"attributionDays\":7,\"topic\":\"offers\","
                    + "\"householdAssignment\":true,\"scheduledAt\":\"2031-01-02T09:00:00Z\""),
            MARKETING);

    assertThat(edited.status()).as("%s", edited.body()).isEqualTo(200);
    assertThat(edited.json())
        .containsEntry("name", "edited " + run)
        .containsEntry("status", "draft")
        .containsEntry("attributionDays", 7)
        .containsEntry("topic", "offers")
        .containsEntry("householdAssignment", true)
        .containsEntry("snapshotId", (int) snapshot)
        .containsEntry("scheduledAt", "2031-01-02T09:00:00Z");
    assertThat(((Number) edited.json().get("controlPercent")).doubleValue()).isEqualTo(12.5);
    Reply read = api.get("/api/campaigns/" + id, MARKETING);
    assertThat(read.json()).containsEntry("name", "edited " + run);
    assertThat(audited(id))
        .extracting(e -> e.action() + " by " + e.actor())
        .containsExactly(CampaignAudit.EDIT + " by test-marketing");
  }

  @Test
  void anEditWithBadFieldsNamesThemAndChangesNothing() {
    long template = template();
    long id = draft(template);

    Reply refused =
        api.put(
            "/api/campaigns/" + id,
            "{\"name\":\"\",\"snapshotId\":1,\"fromAddress\":\"not an address\","
                + "\"variants\":[{\"name\":\"control\",\"templateId\":"
                + template
                + "}],\"controlPercent\":100}",
            MARKETING);

    assertProblem(refused, 422);
    assertThat(refused.errorFields())
        .contains("name", "fromAddress", "variants[0].name", "controlPercent");
    assertThat(api.get("/api/campaigns/" + id, MARKETING).json())
        .containsEntry("name", "draft " + run);
  }

  @Test
  void aCampaignThatIsNoDraftIsNotEdited() {
    long template = template();
    long id = draft(template);
    assertThat(api.post("/api/campaigns/" + id + "/cancel", "", MARKETING).status()).isEqualTo(200);

    Reply refused =
        api.put(
            "/api/campaigns/" + id,
            body("late " + run, Snapshots.of(tx, "nobody-" + run), template, ""),
            MARKETING);

    assertProblem(refused, 409);
    assertThat(String.valueOf(refused.json().get("detail"))).contains("cancelled");
    assertThat(audited(id)).extracting(AuditEntry::action).containsExactly(CampaignAudit.CANCEL);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCopyIsANewDraftWithTheSameSettings() {
    long template = template();
    long id = draft(template);
    api.post("/api/campaigns/" + id + "/cancel", "", MARKETING);

    Reply copy = api.post("/api/campaigns/" + id + "/copy", "", MARKETING);

    assertThat(copy.status()).as("%s", copy.body()).isEqualTo(201);
    long copyId = ((Number) copy.json().get("id")).longValue();
    assertThat(copyId).isNotEqualTo(id);
    assertThat(copy.json())
        .containsEntry("name", "Copy of draft " + run)
        .containsEntry("status", "draft")
        .containsEntry("fromAddress", "shop@shop.example");
    List<Map<String, Object>> variants = (List<Map<String, Object>>) copy.json().get("variants");
    assertThat(variants).hasSize(1);
    assertThat(variants.get(0))
        .containsEntry("name", "A")
        .containsEntry("weight", 2)
        .containsEntry("templateId", (int) template);
    assertThat(audited(copyId))
        .extracting(e -> e.action() + ": " + e.detail())
        .containsExactly(CampaignAudit.COPY + ": copy of campaign " + id);
  }

  @Test
  void aDraftIsRescheduledAndAFinishedOneIsNot() {
    long id = draft(template());

    Reply moved =
        api.put(
            "/api/campaigns/" + id + "/schedule",
            "{\"scheduledAt\":\"2032-05-06T07:08:00Z\"}",
            MARKETING);
    assertThat(moved.status()).as("%s", moved.body()).isEqualTo(200);
    assertThat(moved.json()).containsEntry("scheduledAt", "2032-05-06T07:08:00Z");

    Reply cleared =
        api.put("/api/campaigns/" + id + "/schedule", "{\"scheduledAt\":null}", MARKETING);
    assertThat(cleared.json()).doesNotContainKey("scheduledAt");

    api.post("/api/campaigns/" + id + "/cancel", "", MARKETING);
    Reply refused =
        api.put(
            "/api/campaigns/" + id + "/schedule",
            "{\"scheduledAt\":\"2032-05-06T07:08:00Z\"}",
            MARKETING);
    assertProblem(refused, 409);
    assertThat(audited(id))
        .extracting(AuditEntry::action)
        .containsExactly(CampaignAudit.RESCHEDULE, CampaignAudit.RESCHEDULE, CampaignAudit.CANCEL);
  }

  @Test
  void unknownCampaignsAndBadBodiesAreProblems() {
    assertProblem(api.post("/api/campaigns/999999999/copy", "", MARKETING), 404);
    assertProblem(api.put("/api/campaigns/999999999/schedule", "{}", MARKETING), 404);
    // A malformed id names no campaign, as everywhere in the API.
    assertProblem(api.put("/api/campaigns/abc", "{}", MARKETING), 404);
    long id = draft(template());
    assertProblem(api.put("/api/campaigns/" + id + "/schedule", "[1]", MARKETING), 400);
    assertProblem(
        api.put("/api/campaigns/" + id + "/schedule", "{\"scheduledAt\":\"soon\"}", MARKETING),
        422);
  }
}
