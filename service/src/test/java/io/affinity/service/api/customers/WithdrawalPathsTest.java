package io.affinity.service.api.customers;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.affinity.campaigns.deliverability.MailboxPoller;
import io.affinity.campaigns.deliverability.PollResult;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every way a person or their mail system says no, end to end with a real SMTP and IMAP server
 * (GreenMail): one-click, the unsubscribe page, the shop's unsubscribe event, a complaint through
 * the webhook, an ARF report and a hard-bounce DSN in the bounce mailbox. Then the shop's nightly
 * sync says {@code emailConsent: true} for everyone, and a new campaign to the same segment mails
 * only the one customer who never said no.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WithdrawalPathsTest extends ApiTestBase implements TestPropertyProvider {
  private static final String BOUNCES = "bounces@shop.example";
  private static final String WEBHOOK = "test-webhook-key-withdrawals";
  private static final Pattern UNSUBSCRIBE = Pattern.compile("<[^>]*(/t/u/[A-Za-z0-9_.-]+)>");
  private static final List<String> PATHS =
      List.of("oneclick", "page", "event", "webhook", "arf", "dsn", "stays");

  private final int smtpPort = freePort();
  private final int imapPort = freePort();
  private final GreenMail mail =
      new GreenMail(
          new ServerSetup[] {
            new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
          });

  @Inject MailboxPoller bounceMailbox;

  @Override
  public Map<String, String> getProperties() {
    mail.start();
    Map<String, String> p = new HashMap<>();
    p.put("affinity.mail.host", "127.0.0.1");
    p.put("affinity.mail.port", String.valueOf(smtpPort));
    p.put("affinity.mail.poll-interval", "100ms");
    p.put("affinity.mail.return-path", BOUNCES);
    p.put("affinity.mail.frequency-cap.max-messages", "0");
    p.put("affinity.deliverability.mailbox.host", "127.0.0.1");
    p.put("affinity.deliverability.mailbox.port", String.valueOf(imapPort));
    p.put("affinity.deliverability.mailbox.username", "bounces");
    p.put("affinity.deliverability.mailbox.password", "secret");
    // The test reads the mailbox itself, when the reports are in it.
    p.put("affinity.deliverability.mailbox.poll-interval", "1h");
    p.put("affinity.api-keys.test-webhook-withdrawals.key", WEBHOOK);
    p.put("affinity.api-keys.test-webhook-withdrawals.scopes", "webhook");
    return p;
  }

  @AfterAll
  void stopMail() {
    mail.stop();
  }

  private String id(String path) {
    return run + "-" + path;
  }

  private String email(String path) {
    return id(path) + "@test.example";
  }

  @Test
  @SuppressWarnings("unchecked")
  void afterEveryWithdrawalPathASyncCannotReSubscribeAndTheNextCampaignMailsNobodyWhoSaidNo()
      throws Exception {
    GreenMailUser bounces = mail.setUser(BOUNCES, "bounces", "secret");
    String postcode = "WD-" + run;
    StringBuilder batch = new StringBuilder("[");
    for (String path : PATHS) {
      batch
          .append(batch.length() == 1 ? "" : ",")
          .append("{\"id\":\"")
          .append(id(path))
          .append("\",\"email\":\"")
          .append(email(path))
          .append("\",\"emailConsent\":true,\"postcode\":\"")
          .append(postcode)
          .append("\"}");
    }
    assertThat(api.post("/api/customers/batch", batch + "]", INGEST).status()).isEqualTo(200);
    long segment = segment(postcode);
    long template = template();

    Map<String, MimeMessage> first = send(segment, template);
    assertThat(first).containsOnlyKeys(PATHS.stream().map(this::email).toArray(String[]::new));

    // 1. RFC 8058 one-click, posted by the mail provider.
    assertThat(unsubscribe(first.get(email("oneclick")), "List-Unsubscribe=One-Click"))
        .isEqualTo(200);
    // 2. The unsubscribe page's "unsubscribe from everything".
    assertThat(unsubscribe(first.get(email("page")), "action=all")).isEqualTo(200);
    // 3. The shop reports an unsubscribe of its own.
    Reply event =
        api.post(
            "/api/events",
            "{\"type\":\"unsubscribe\",\"customerId\":\"" + id("event") + "\"}",
            INGEST);
    assertThat(event.status()).as("%s", event.body()).isEqualTo(200);
    // 4. A complaint through the provider webhook.
    Reply complaint =
        api.post(
            "/api/deliverability/events",
            "{\"type\":\"complaint\",\"email\":\""
                + email("webhook")
                + "\",\"messageId\":\""
                + first.get(email("webhook")).getMessageID()
                + "\"}",
            WEBHOOK);
    assertThat(complaint.status()).as("%s", complaint.body()).isEqualTo(200);
    // 5 and 6. An ARF complaint and a hard-bounce DSN arrive in the bounce mailbox.
    bounces.deliver(arf(first.get(email("arf")), email("arf")));
    bounces.deliver(dsn(first.get(email("dsn")), email("dsn")));
    PollResult polled = bounceMailbox.pollOnce();
    assertThat(polled.processed()).isEqualTo(2);

    // The nightly sync says yes for everyone.
    StringBuilder sync = new StringBuilder("[");
    for (String path : PATHS) {
      sync.append(sync.length() == 1 ? "" : ",")
          .append("{\"id\":\"")
          .append(id(path))
          .append("\",\"emailConsent\":true}");
    }
    Reply synced = api.post("/api/customers/batch", sync + "]", INGEST);
    assertThat(synced.status()).isEqualTo(200);
    List<Map<String, Object>> warnings = (List<Map<String, Object>>) synced.json().get("warnings");
    assertThat(warnings)
        .extracting(w -> w.get("customerId"))
        .containsExactlyInAnyOrder(
            PATHS.stream().filter(p -> !p.equals("stays")).map(this::id).toArray());
    for (String path : PATHS) {
      Map<String, Object> consent =
          (Map<String, Object>)
              api.get("/api/customers/" + id(path), MARKETING).json().get("consent");
      assertThat(consent).as(path).containsEntry("email", path.equals("stays"));
    }

    mail.purgeEmailFromAllMailboxes();
    Map<String, MimeMessage> second = send(segment, template);
    assertThat(second).containsOnlyKeys(email("stays"));
  }

  /** Creates and launches a campaign to the segment; the messages our customers got, by address. */
  private Map<String, MimeMessage> send(long segment, long template) throws Exception {
    Reply created =
        api.post(
            "/api/campaigns",
            "{\"name\":\"withdrawals "
                + run
                + "\",\"segmentId\":"
                + segment
                + ",\"fromAddress\":\"shop@shop.example\","
                + "\"variants\":[{\"name\":\"A\",\"templateId\":"
                + template
                + ",\"weight\":1}]}",
            MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    Number id = (Number) created.json().get("id");
    assertThat(api.post("/api/campaigns/" + id + "/launch", "", MARKETING).status()).isEqualTo(200);
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!"finished".equals(api.get("/api/campaigns/" + id, MARKETING).json().get("status"))) {
      assertThat(System.nanoTime()).as("campaign %s finished in time", id).isLessThan(deadline);
      Thread.sleep(100);
    }
    Map<String, MimeMessage> byAddress = new HashMap<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      String to = ((InternetAddress) m.getAllRecipients()[0]).getAddress();
      if (to.startsWith(run + "-")) {
        assertThat(byAddress.put(to, m)).as("one message to %s", to).isNull();
      }
    }
    return byAddress;
  }

  private long segment(String postcode) {
    Reply segment =
        api.post(
            "/api/segments",
            "{\"name\":\"withdrawals "
                + run
                + "\",\"rules\":{\"all\":[{\"field\":\"postcode\",\"op\":\"=\",\"value\":\""
                + postcode
                + "\"}]}}",
            MARKETING);
    assertThat(segment.status()).as("%s", segment.body()).isEqualTo(201);
    return ((Number) segment.json().get("id")).longValue();
  }

  private long template() {
    Reply created =
        api.post(
            "/api/templates",
            "{\"key\":\"withdrawals-"
                + run
                + "\",\"name\":\"Hello\",\"subject\":\"Hello\","
                + "\"html\":\"<p>Hello ${customer.id}</p>\"}",
            MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return ((Number) created.json().get("id")).longValue();
  }

  /** Posts {@code form} to the message's List-Unsubscribe link; the status. */
  private int unsubscribe(MimeMessage message, String form) throws Exception {
    Matcher link = UNSUBSCRIBE.matcher(message.getHeader("List-Unsubscribe")[0]);
    assertThat(link.find()).isTrue();
    return client
        .toBlocking()
        .exchange(
            HttpRequest.POST(link.group(1), form)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .header("User-Agent", "Mozilla/5.0 (test)"),
            String.class)
        .code();
  }

  /** A hard-bounce DSN sent back to the message's VERP return path. */
  private static MimeMessage dsn(MimeMessage original, String to) throws Exception {
    String returnPath = original.getHeader("Return-Path")[0].replaceAll("[<>]", "").trim();
    return message(
        "From: MAILER-DAEMON@mx.test.example\r\nTo: "
            + returnPath
            + "\r\nSubject: Undelivered Mail Returned to Sender\r\n"
            + "Message-ID: <dsn-"
            + System.nanoTime()
            + "@mx.test.example>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B1\"\r\n\r\n"
            + "--B1\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n\r\n"
            + "--B1\r\nContent-Type: message/delivery-status\r\n\r\n"
            + "Reporting-MTA: dns; mx.test.example\r\n\r\n"
            + "Final-Recipient: rfc822; "
            + to
            + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
            + "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n"
            + "--B1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
            + "From: shop@shop.example\r\nTo: "
            + to
            + "\r\nMessage-ID: "
            + original.getMessageID()
            + "\r\n\r\n--B1--\r\n");
  }

  /** An ARF complaint (RFC 5965) quoting the message. */
  private static MimeMessage arf(MimeMessage original, String to) throws Exception {
    return message(
        "From: <fbl@isp.test.example>\r\nTo: <"
            + BOUNCES
            + ">\r\nSubject: FW: Hello\r\n"
            + "Message-ID: <arf-"
            + System.nanoTime()
            + "@isp.test.example>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"F1\"\r\n\r\n"
            + "--F1\r\nContent-Type: text/plain\r\n\r\nThis is an email abuse report.\r\n\r\n"
            + "--F1\r\nContent-Type: message/feedback-report\r\n\r\n"
            + "Feedback-Type: abuse\r\nUser-Agent: TestFBL/1.0\r\nVersion: 1\r\n"
            + "Original-Rcpt-To: <"
            + to
            + ">\r\n\r\n"
            + "--F1\r\nContent-Type: message/rfc822\r\n\r\n"
            + "From: shop@shop.example\r\nTo: "
            + to
            + "\r\nSubject: Hello\r\nMessage-ID: "
            + original.getMessageID()
            + "\r\n\r\nHello\r\n--F1--\r\n");
  }

  private static MimeMessage message(String text) throws Exception {
    return new MimeMessage(
        Session.getInstance(new Properties()),
        new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
