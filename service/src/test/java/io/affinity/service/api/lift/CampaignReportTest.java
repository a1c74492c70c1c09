package io.affinity.service.api.lift;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTML report at {@code /reports/campaigns/{id}}: content, escaping and who may open it. */
@MicronautTest(transactional = false)
class CampaignReportTest extends ApiTestBase {
  private static final long T0 = 1_700_000_000_000L;

  @Inject LiftSql sql;

  private long campaign;

  @BeforeEach
  void campaign() {
    campaign = sql.campaign("<script>alert(1)</script> " + run, T0, 7);
    for (int i = 0; i < 6; i++) {
      long c = sql.customer(run + "-" + i);
      sql.recipient(campaign, c, i % 2 == 0 ? "A" : "control");
      if (i < 3) {
        sql.purchase(c, "25.00", T0 + i * 86_400_000L);
      }
    }
  }

  private Reply page(String path, String key) {
    return api.send(HttpRequest.GET(path), key);
  }

  @Test
  void rendersTablesAndInlineChartsWithTheNameEscaped() {
    Reply reply = page("/reports/campaigns/" + campaign + "?by=variant", MARKETING);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/html");
    String html = (String) reply.body();
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    assertThat(html).contains("Conversion rate (95% CI)", "Revenue per recipient (95% CI)");
    assertThat(html).contains("Cumulative conversion rate by day", "<polyline");
    assertThat(html.split("<svg", -1)).hasSize(4); // three charts
    assertThat(html).contains("By variant").doesNotContain("src=", "<link", "<script");
  }

  @Test
  void aSignedLinkOpensTheReportWithoutAKeyButOnlyForItsCampaign() {
    Reply link = api.post("/api/campaigns/" + campaign + "/report-links", "", MARKETING);
    assertThat(link.status()).isEqualTo(200);
    String url = (String) link.json().get("url");

    assertThat(page(url, null).status()).isEqualTo(200);
    String other =
        url.replace("/campaigns/" + campaign + "?", "/campaigns/" + (campaign + 1) + "?");
    assertProblem(page(other, null), 403);
    String tampered = url.replaceAll("expires=(\\d+)", "expires=9$1");
    assertProblem(page(tampered, null), 403);
  }

  @Test
  void withoutAValidKeyOrLinkTheReportIsRefused() {
    assertProblem(page("/reports/campaigns/" + campaign, null), 401);
    assertProblem(page("/reports/campaigns/" + campaign, INGEST), 403);
    assertProblem(page("/reports/campaigns/" + campaign, "not-a-key-at-all-123"), 401);
    assertProblem(page("/reports/campaigns/999999999", MARKETING), 404);
    assertProblem(api.post("/api/campaigns/999999999/report-links", "", MARKETING), 404);
  }
}
