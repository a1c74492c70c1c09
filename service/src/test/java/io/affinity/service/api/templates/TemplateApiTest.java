package io.affinity.service.api.templates;

import static io.affinity.service.api.TestApi.MARKETING;
import static io.affinity.service.api.TestApi.RECOMMEND;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.recommender.model.ModelTrainer;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Templates over HTTP: versions, sandbox rejections with their line, and preview for a customer.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "affinity.templates.defaults-dir", value = "../templates")
class TemplateApiTest extends ApiTestBase {
  @Inject SyntheticShopLoader loader;
  @Inject ModelTrainer trainer;

  private String shop;

  @BeforeAll
  void loadShopAndTrain() {
    shop = "tp" + UUID.randomUUID().toString().substring(0, 6) + "-";
    loader.load(ShopSpec.of(300, 80, 15_000, 9).withIdPrefix(shop), ProgressListener.NONE);
    trainer.train(ProgressListener.NONE);
  }

  private String template(String key, String subject, String html) {
    return api.toJson(Map.of("key", key, "name", "Test " + key, "subject", subject, "html", html));
  }

  private long create(String key) {
    Reply created =
        api.post(
            "/api/templates",
            template(key, "Hello ${customer.firstName!}", "<p>Hi ${customer.name!}</p>"),
            MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return ((Number) created.json().get("id")).longValue();
  }

  @Test
  void createUpdateGetAndList() {
    String key = "api-" + run;
    long id = create(key);
    Reply updated =
        api.put(
            "/api/templates/" + id,
            api.toJson(Map.of("subject", "Second", "html", "<p>two</p>", "text", "two")),
            MARKETING);
    assertThat(updated.status()).as("%s", updated.body()).isEqualTo(200);
    assertThat(updated.json()).containsEntry("currentVersion", 2).containsEntry("key", key);
    Reply got = api.get("/api/templates/" + id, MARKETING);
    List<Map<String, Object>> versions = (List<Map<String, Object>>) got.json().get("versions");
    assertThat(versions).extracting(v -> v.get("version")).containsExactly(2, 1);
    assertThat(versions.get(1)).containsEntry("html", "<p>Hi ${customer.name!}</p>");
    Reply list = api.get("/api/templates", MARKETING);
    assertThat((List<Map<String, Object>>) list.body())
        .anySatisfy(t -> assertThat(t).containsEntry("key", key).containsEntry("currentVersion", 2))
        .anySatisfy(t -> assertThat(t).containsEntry("key", "recommendations-newsletter"));
  }

  @Test
  void aTemplateReachingForJavaIsA422NamingTheLine() {
    String html = "<p>Hello</p>\n<#assign ex = \"freemarker.template.utility.Execute\"?new()>\n";
    Reply reply = api.post("/api/templates", template("bad-" + run, "S", html), MARKETING);
    assertProblem(reply, 422);
    assertThat(reply.errorFields()).containsOnly("html");
    assertThat(reply.errors())
        .anySatisfy(
            e ->
                assertThat((String) e.get("reason"))
                    .startsWith("line 2, column ")
                    .contains("?new"));
    Reply api2 =
        api.post(
            "/api/templates", template("bad2-" + run, "${customer?api.class}", "<p/>"), MARKETING);
    assertProblem(api2, 422);
    assertThat(api2.errorFields()).containsExactly("subject");
    // nothing was stored
    assertThat((List<Map<String, Object>>) api.get("/api/templates", MARKETING).body())
        .noneMatch(t -> String.valueOf(t.get("key")).startsWith("bad"));
  }

  @Test
  void aSyntaxErrorIsA422WithLineAndColumn() {
    long id = create("syn-" + run);
    Reply reply =
        api.put(
            "/api/templates/" + id,
            api.toJson(Map.of("subject", "S", "html", "<p>ok</p>\n<#if x>\n<p>never closed</p>\n")),
            MARKETING);
    assertProblem(reply, 422);
    assertThat(reply.errors())
        .singleElement()
        .satisfies(e -> assertThat((String) e.get("reason")).matches("line \\d+, column \\d+: .+"));
    assertThat(api.get("/api/templates/" + id, MARKETING).json())
        .containsEntry("currentVersion", 1);
  }

  @Test
  void aTemplateFailingForACustomerIsA422NotA500() {
    Reply created =
        api.post(
            "/api/templates",
            template("fails-" + run, "Hi", "<p>ok</p>\n<p>${customer.nickname}</p>"),
            MARKETING);
    assertThat(created.status()).isEqualTo(201);
    Reply preview =
        api.post(
            "/api/templates/" + created.json().get("id") + "/preview",
            api.toJson(Map.of("customerId", shop + "c1")),
            MARKETING);
    assertProblem(preview, 422);
    assertThat(preview.errors())
        .singleElement()
        .satisfies(e -> assertThat((String) e.get("reason")).startsWith("line 2, column "));
    assertThat((String) preview.json().get("detail")).doesNotContain(shop);
  }

  @Test
  void badRequestsAreProblems() {
    assertProblem(api.post("/api/templates", "{\"key\": ", MARKETING), 400);
    assertProblem(api.post("/api/templates", "{\"key\": \"x\", \"bogus\": 1}", MARKETING), 422);
    Reply missing = api.post("/api/templates", "{\"key\": \"Not A Key\"}", MARKETING);
    assertProblem(missing, 422);
    assertThat(missing.errorFields()).contains("key", "name", "subject", "html");
    assertProblem(api.get("/api/templates/999999999", MARKETING), 404);
    assertProblem(
        api.put(
            "/api/templates/999999999", api.toJson(Map.of("subject", "s", "html", "h")), MARKETING),
        404);
    assertProblem(api.get("/api/templates", null), 401);
    assertProblem(api.get("/api/templates", RECOMMEND), 403);
  }

  @Test
  void previewRendersTheCustomersOwnRecommendationsWithLinksThatDoNotTrack() {
    long id =
        ((Number)
                ((List<Map<String, Object>>) api.get("/api/templates", MARKETING).body())
                    .stream()
                        .filter(t -> t.get("key").equals("recommendations-newsletter"))
                        .findFirst()
                        .orElseThrow()
                        .get("id"))
            .longValue();
    String customer = shop + "c4";
    Reply recs = api.get("/api/recommendations/customers/" + customer + "?limit=6", RECOMMEND);
    List<Map<String, Object>> items = (List<Map<String, Object>>) recs.json().get("items");
    assertThat(items).isNotEmpty();
    Reply preview =
        api.post(
            "/api/templates/" + id + "/preview",
            api.toJson(Map.of("customerId", customer)),
            MARKETING);
    assertThat(preview.status()).as("%s", preview.body()).isEqualTo(200);
    String html = (String) preview.json().get("html");
    String text = (String) preview.json().get("text");
    for (Map<String, Object> item : items) {
      assertThat(text).contains((String) item.get("name"));
    }
    assertThat(html).contains("/t/c/").contains("?preview=1");
    assertThat((String) preview.json().get("subject")).endsWith("picked for you this week");
    assertThat(preview.json()).containsEntry("version", 1).containsEntry("customerId", customer);

    assertProblem(
        api.post(
            "/api/templates/" + id + "/preview",
            api.toJson(Map.of("customerId", "nobody-" + run)),
            MARKETING),
        404);
    assertProblem(api.post("/api/templates/" + id + "/preview", "{}", MARKETING), 422);
    assertProblem(
        api.post(
            "/api/templates/" + id + "/preview",
            api.toJson(Map.of("customerId", customer, "version", 99)),
            MARKETING),
        404);
  }
}
