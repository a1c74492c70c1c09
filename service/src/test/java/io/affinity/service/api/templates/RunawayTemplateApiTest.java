package io.affinity.service.api.templates;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runaway templates over HTTP (render time limit 300 ms, output limit 64 KiB here): each is saved,
 * and its preview and test send are a 422 naming the template, the limit and the line where it is
 * known, answered within the limit; a nested {@code ?eval} is refused when saved. Never a 500.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "affinity.templates.render-timeout", value = "300ms")
@Property(name = "affinity.templates.max-output", value = "65536")
@Property(name = "affinity.templates.load-defaults", value = "false")
// Test sends need a mail server configured; nothing listens there, and nothing gets that far.
@Property(name = "affinity.mail.host", value = "127.0.0.1")
@Property(name = "affinity.mail.port", value = "1")
@Property(name = "affinity.mail.sender.address", value = "shop@shop.example")
class RunawayTemplateApiTest extends ApiTestBase {
  private static final long LIMIT_MS = 300;
  private static final long SLACK_MS = 3000;

  private String customer() {
    String id = "rw-" + run;
    Reply put =
        api.put(
            "/api/customers/" + id,
            "{\"email\":\"" + id + "@example.com\",\"name\":\"Ann\",\"emailConsent\":true}",
            INGEST);
    assertThat(put.status()).as("%s", put.body()).isEqualTo(200);
    return id;
  }

  private long create(String html) {
    Reply created =
        api.post(
            "/api/templates",
            api.toJson(
                Map.of("key", "rw-" + run, "name", "Runaway", "subject", "Hi", "html", html)),
            MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return ((Number) created.json().get("id")).longValue();
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
        "function recursion | <#function f n><#return f(n + 1)></#function>${f(1)} | too deeply",
      })
  void aRunawayTemplateIsA422AtPreviewWithinTheLimit(String what, String html, String says) {
    String customer = customer();
    long id = create(html.replace("\\n", "\n"));
    long start = System.nanoTime();
    Reply preview =
        api.post(
            "/api/templates/" + id + "/preview",
            api.toJson(Map.of("customerId", customer)),
            MARKETING);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertProblem(preview, 422);
    assertThat(ms).as("%s answered after %d ms", what, ms).isLessThan(LIMIT_MS + SLACK_MS);
    String detail = (String) preview.json().get("detail");
    assertThat(detail).startsWith("Template " + id + " v1 ").contains(says);
    assertThat(preview.errorFields()).containsExactly("template");
    assertThat(String.valueOf(preview.body())).doesNotContain("java.", "freemarker.", "Error");

    // A test send renders the same way: refused before any mail is built.
    Reply testSend =
        api.post(
            "/api/templates/" + id + "/test-sends",
            api.toJson(Map.of("customerId", customer, "to", "qa@qa.example")),
            MARKETING);
    assertProblem(testSend, 422);
    assertThat((String) testSend.json().get("detail")).contains(says);
  }

  @Test
  void aNestedEvalIsRefusedWhenSavedEvenBehindAComment() {
    for (String html :
        new String[] {
          "${\"<#list 1.. as i></#list>\"?interpret}",
          "<#assign s = \"'<#list 1.. as i></#list>'?interpret\">${s?eval}",
          "${\"<#list 1.. as i></#list>\"?<#-- hidden -->interpret}",
        }) {
      Reply refused =
          api.post(
              "/api/templates",
              api.toJson(Map.of("key", "ev-" + run, "name", "Eval", "subject", "Hi", "html", html)),
              MARKETING);
      assertProblem(refused, 422);
      assertThat(refused.errorFields()).as(html).contains("html");
    }
  }
}
