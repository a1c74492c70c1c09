package io.affinity.service.api.templates;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.compose.MessagePreview;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A preview whose client closes its connection stops rendering at once, not at the render time
 * limit (20 s here): seen through the count of previews in flight. A normal preview still answers
 * 200, and a template past a limit a 422.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "affinity.templates.render-timeout", value = "20s")
@Property(name = "affinity.templates.max-output", value = "65536")
@Property(name = "affinity.templates.load-defaults", value = "false")
class PreviewDisconnectApiTest extends ApiTestBase {
  @Inject EmbeddedServer server;
  @Inject MessagePreview previews;

  private String customer() {
    String id = "pd-" + run;
    Reply put =
        api.put(
            "/api/customers/" + id,
            "{\"email\":\"" + id + "@example.com\",\"name\":\"Ann\",\"emailConsent\":true}",
            INGEST);
    assertThat(put.status()).as("%s", put.body()).isEqualTo(200);
    return id;
  }

  private long create(String key, String html) {
    Reply created =
        api.post(
            "/api/templates",
            api.toJson(
                Map.of("key", key + "-" + run, "name", "Preview", "subject", "Hi", "html", html)),
            MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return ((Number) created.json().get("id")).longValue();
  }

  /** Polls {@code condition} for up to {@code ms}; the time it took, or -1 if it never held. */
  private static long waitFor(BooleanSupplier condition, long ms) throws InterruptedException {
    long start = System.nanoTime();
    while ((System.nanoTime() - start) / 1_000_000 < ms) {
      if (condition.getAsBoolean()) {
        return (System.nanoTime() - start) / 1_000_000;
      }
      Thread.sleep(10);
    }
    return -1;
  }

  @Test
  void aPreviewWhoseClientLeavesStopsRenderingAtOnce() throws Exception {
    String customer = customer();
    long id = create("endless", "<p>\n<#list 1.. as i></#list>");
    byte[] body = api.toJson(Map.of("customerId", customer)).getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /api/templates/"
            + id
            + "/preview HTTP/1.1\r\n"
            + "Host: localhost\r\n"
            + "X-API-Key: "
            + MARKETING
            + "\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: "
            + body.length
            + "\r\n\r\n";
    int before = previews.inFlight();
    try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      assertThat(waitFor(() -> previews.inFlight() > before, 10_000))
          .as("the preview started")
          .isNotNegative();
      Thread.sleep(300);
      assertThat(previews.inFlight()).as("still rendering before the close").isGreaterThan(before);
    }
    long stoppedAfter = waitFor(() -> previews.inFlight() == before, 2_000);
    assertThat(stoppedAfter).as("the render stopped within 2 s of the close").isNotNegative();
  }

  @Test
  void aNormalPreviewStillAnswersAndALimitIsStillA422() {
    String customer = customer();
    long fine = create("fine", "<p>Hello ${customer.name}</p>");
    Reply ok =
        api.post(
            "/api/templates/" + fine + "/preview",
            api.toJson(Map.of("customerId", customer)),
            MARKETING);
    assertThat(ok.status()).as("%s", ok.body()).isEqualTo(200);
    assertThat(((Number) ok.json().get("templateId")).longValue()).isEqualTo(fine);
    assertThat(((Number) ok.json().get("version")).intValue()).isEqualTo(1);
    assertThat(ok.json())
        .containsEntry("customerId", customer)
        .containsEntry("subject", "Hi")
        .containsEntry("html", "<p>Hello Ann</p>")
        .containsKeys("text", "unsubscribeUrl");

    long huge = create("huge", "<p>\n<#list 1..2000000000 as i>x</#list>");
    Reply refused =
        api.post(
            "/api/templates/" + huge + "/preview",
            api.toJson(Map.of("customerId", customer)),
            MARKETING);
    assertProblem(refused, 422);
    assertThat((String) refused.json().get("detail"))
        .contains("output size limit of 64 KiB at line 2");
    assertThat(refused.errorFields()).containsExactly("template");
  }
}
