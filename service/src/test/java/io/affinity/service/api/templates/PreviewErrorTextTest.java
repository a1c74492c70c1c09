package io.affinity.service.api.templates;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A template failing at preview is a 422 naming its line, and its text names no Java class
 * (Freemarker's messages say "wrapper: f.t.SimpleScalar", "HashMap wrapped into ...").
 */
@MicronautTest(transactional = false)
class PreviewErrorTextTest extends ApiTestBase {
  private static final List<String> FAILING =
      List.of(
          "${customer}",
          "<#list customer as k>${k}</#list>",
          "${customer?keys?join(1)}",
          "${\"x\"?string.currency}",
          "${1/0}",
          "${\"x\"?matches(\"(\")?c}");

  @Test
  void aFailingPreviewNamesTheLineButNoJavaClass() {
    String customer = "pe-" + run;
    String event = "{\"type\":\"visit\",\"customerId\":\"" + customer + "\"}";
    assertThat(api.post("/api/events", event, INGEST).status()).isEqualTo(200);
    int n = 0;
    for (String html : FAILING) {
      Reply created =
          api.post(
              "/api/templates",
              api.toJson(
                  Map.of("key", "pe" + n++ + "-" + run, "name", "n", "subject", "S", "html", html)),
              MARKETING);
      assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
      Reply preview =
          api.post(
              "/api/templates/" + created.json().get("id") + "/preview",
              api.toJson(Map.of("customerId", customer)),
              MARKETING);
      assertProblem(preview, 422);
      String detail = (String) preview.json().get("detail");
      assertThat(detail)
          .as(html)
          .contains("line 1")
          .doesNotContain("f.t.")
          .doesNotContain("wrapper")
          .doesNotContainPattern("\\b[a-z]+\\.[a-z.]*[A-Z]\\w+")
          .doesNotContainPattern("Simple(Scalar|Number|Hash|Sequence)|DefaultMapAdapter|HashMap");
    }
  }
}
