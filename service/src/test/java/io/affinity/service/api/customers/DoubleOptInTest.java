package io.affinity.service.api.customers;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.optin.ConfirmationToken;
import io.affinity.campaigns.tracking.TokenSigner;
import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.ConsentSource;
import io.affinity.core.consent.ConsentStatement;
import io.affinity.core.consent.SuppressionList;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Double opt-in end to end with a real SMTP server (GreenMail): a customer who unsubscribed by
 * one-click, address suppressed, is mailed a confirmation link; opening it changes nothing,
 * confirming it re-subscribes them with the evidence in the ledger and lifts the suppression, once.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoubleOptInTest extends ApiTestBase implements TestPropertyProvider {
  private static final Pattern LINK =
      Pattern.compile("http://[^\\s\"]+/t/confirm/([A-Za-z0-9_.-]+)");
  private static final String BROWSER = "Mozilla/5.0 (DoubleOptInTest)";

  private final int port = freePort();
  private final GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
  @Inject ConsentLedger ledger;
  @Inject SuppressionList suppressions;
  @Inject TokenSigner signer;
  @Inject Transactions tx;

  DoubleOptInTest() {
    smtp.start();
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "affinity.mail.host", "127.0.0.1",
        "affinity.mail.port", String.valueOf(port),
        "affinity.mail.poll-interval", "100ms",
        "affinity.mail.sender.address", "hello@shop.example",
        "affinity.mail.sender.name", "The Shop");
  }

  @AfterAll
  void stopSmtp() {
    smtp.stop();
  }

  @Test
  void aConfirmedLinkResubscribesAnUnsubscribedCustomerWithItsEvidenceOnce() throws Exception {
    String id = run + "-optin";
    String email = run + ".optin@mail.example";
    long customer = unsubscribedCustomer(id, email);
    assertThat(consent(id)).isFalse();
    assertThat(suppressed(email)).isEqualTo("unsubscribed");

    Reply sent = api.post("/api/customers/" + id + "/consent/confirmations", "", MARKETING);
    assertThat(sent.status()).as("%s", sent.body()).isEqualTo(202);
    assertThat(sent.json()).containsEntry("customerId", id).containsKeys("messageId", "expiresAt");
    MimeMessage message = received(email);
    assertThat(message.getSubject()).isEqualTo("Please confirm your subscription");
    assertThat(((InternetAddress) message.getFrom()[0]).getAddress())
        .isEqualTo("hello@shop.example");
    assertThat(message.getHeader("Message-ID")[0]).isEqualTo(sent.json().get("messageId"));
    assertThat(message.getHeader("List-Unsubscribe")).isNull();
    String text = part(message, 0);
    String html = part(message, 1);
    assertThat(html).doesNotContain("/t/o/").doesNotContain("/t/c/");
    String token = token(text);
    assertThat(html).contains("/t/confirm/" + token);
    assertThat(requestedBy(customer)).isEqualTo("test-marketing");

    // Opening the link (what a link scanner does) shows the button and changes nothing.
    Reply page = api.send(HttpRequest.GET("/t/confirm/" + token), null);
    assertThat(page.status()).isEqualTo(200);
    assertThat((String) page.body()).contains("<form method=\"post\"");
    assertThat(consent(id)).isFalse();
    assertThat(suppressed(email)).isEqualTo("unsubscribed");
    assertThat(doubleOptIns(customer)).isEmpty();

    Reply confirmed = confirm(token);
    assertThat(confirmed.status()).isEqualTo(200);
    assertThat((String) confirmed.body()).contains("confirmed");
    assertThat(consent(id)).isTrue();
    assertThat(suppressed(email)).isNull();
    List<String[]> entries = doubleOptIns(customer);
    assertThat(entries).hasSize(1);
    String[] entry = entries.get(0);
    assertThat(entry[0]).as("applied").isEqualTo("true");
    assertThat(entry[1]).as("evidence").startsWith("confirmation ");
    assertThat(entry[2]).as("ip").isNotBlank();
    assertThat(entry[3]).as("user agent").isEqualTo(BROWSER);

    // The same link again: nothing more, even after the person unsubscribes once more.
    ledger.record(
        List.of(
            ConsentStatement.email(
                customer, false, System.currentTimeMillis(), ConsentSource.ONE_CLICK, "again")));
    assertThat(consent(id)).isFalse();
    Reply again = confirm(token);
    assertThat(again.status()).isEqualTo(200);
    assertThat((String) again.body()).contains("used before");
    assertThat(consent(id)).isFalse();
    assertThat(suppressed(email)).isEqualTo("unsubscribed");
    assertThat(doubleOptIns(customer)).hasSize(1);
  }

  @Test
  void anAlteredOrExpiredLinkIsRefusedAndChangesNothing() throws Exception {
    String id = run + "-bad";
    String email = run + ".bad@mail.example";
    long customer = unsubscribedCustomer(id, email);
    assertThat(api.post("/api/customers/" + id + "/consent/confirmations", "", MARKETING).status())
        .isEqualTo(202);
    String token = token(part(received(email), 0));
    ConfirmationToken parsed = ConfirmationToken.verify(signer, token).orElseThrow();

    String payload = token.substring(0, token.indexOf('.'));
    String mac = token.substring(token.indexOf('.'));
    char last = payload.charAt(payload.length() - 2);
    String altered =
        payload.substring(0, payload.length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + payload.charAt(payload.length() - 1)
            + mac;
    String otherCustomer =
        new ConfirmationToken(
                parsed.confirmationId(),
                parsed.customerId() + 1,
                parsed.expiresAtSeconds(),
                parsed.addressKey())
            .sign(signer);
    for (String bad : List.of(altered, "not-a-token", otherCustomer)) {
      assertThat(api.send(HttpRequest.GET("/t/confirm/" + bad), null).status()).isEqualTo(404);
      assertThat(confirm(bad).status()).as(bad).isEqualTo(404);
    }
    String expired =
        new ConfirmationToken(
                parsed.confirmationId(),
                parsed.customerId(),
                System.currentTimeMillis() / 1000 - 1,
                parsed.addressKey())
            .sign(signer);
    assertThat(api.send(HttpRequest.GET("/t/confirm/" + expired), null).status()).isEqualTo(410);
    Reply refused = confirm(expired);
    assertThat(refused.status()).isEqualTo(410);
    assertThat((String) refused.body()).contains("expired");

    assertThat(consent(id)).isFalse();
    assertThat(suppressed(email)).isEqualTo("unsubscribed");
    assertThat(doubleOptIns(customer)).isEmpty();
    // The genuine link still works.
    assertThat(confirm(token).status()).isEqualTo(200);
    assertThat(consent(id)).isTrue();
  }

  @Test
  void aLinkMailedToAnAddressTheCustomerNoLongerHasIsRefused() throws Exception {
    String id = run + "-moved";
    String email = run + ".old@mail.example";
    long customer = unsubscribedCustomer(id, email);
    assertThat(api.post("/api/customers/" + id + "/consent/confirmations", "", MARKETING).status())
        .isEqualTo(202);
    String token = token(part(received(email), 0));
    Reply moved =
        api.put("/api/customers/" + id, "{\"email\":\"" + run + ".new@mail.example\"}", INGEST);
    assertThat(moved.status()).as("%s", moved.body()).isEqualTo(200);

    Reply refused = confirm(token);
    assertThat(refused.status()).isEqualTo(410);
    assertThat((String) refused.body()).contains("no longer on record");
    assertThat(consent(id)).isFalse();
    assertThat(doubleOptIns(customer)).isEmpty();
  }

  @Test
  void aSecondConfirmationWithinTheResendIntervalIsRefusedWith429() {
    String id = run + "-twice";
    unsubscribedCustomer(id, run + ".twice@mail.example");
    assertThat(api.post("/api/customers/" + id + "/consent/confirmations", "", MARKETING).status())
        .isEqualTo(202);
    Reply second = api.post("/api/customers/" + id + "/consent/confirmations", "", MARKETING);
    assertProblem(second, 429);
    assertThat((String) second.json().get("detail")).contains("less than 5 minute(s) ago");
  }

  @Test
  void unknownCustomersCustomersWithoutAnAddressAndKeysWithoutMarketingAreRefused() {
    assertProblem(
        api.post("/api/customers/" + run + "-nobody/consent/confirmations", "", MARKETING), 404);
    api.post(
        "/api/customers/batch", "[{\"id\":\"" + run + "-noaddress\",\"name\":\"No One\"}]", INGEST);
    Reply noAddress =
        api.post("/api/customers/" + run + "-noaddress/consent/confirmations", "", MARKETING);
    assertProblem(noAddress, 409);
    assertThat((String) noAddress.json().get("detail")).contains("no e-mail address");
    assertProblem(
        api.post("/api/customers/" + run + "-noaddress/consent/confirmations", "", INGEST), 403);
  }

  /** A customer created with consent, then unsubscribed by one-click (address suppressed). */
  private long unsubscribedCustomer(String id, String email) {
    Reply created =
        api.post(
            "/api/customers/batch",
            "[{\"id\":\""
                + id
                + "\",\"email\":\""
                + email
                + "\",\"name\":\"Ada Lovelace\",\"emailConsent\":true}]",
            INGEST);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(200);
    long customer = internalId(id);
    ledger.record(
        List.of(
            ConsentStatement.email(
                customer,
                false,
                System.currentTimeMillis(),
                ConsentSource.ONE_CLICK,
                "one-click in a test")));
    return customer;
  }

  private Reply confirm(String token) {
    return api.send(
        HttpRequest.POST("/t/confirm/" + token, "confirm=yes")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
            .header(HttpHeaders.USER_AGENT, BROWSER),
        null);
  }

  @SuppressWarnings("unchecked")
  private boolean consent(String id) {
    Map<String, Object> view = api.get("/api/customers/" + id, MARKETING).json();
    return (Boolean) ((Map<String, Object>) view.get("consent")).get("email");
  }

  private String suppressed(String email) {
    return tx.read(c -> suppressions.reason(c, email));
  }

  private long internalId(String id) {
    return tx.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT id FROM customers WHERE external_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private String requestedBy(long customer) {
    return tx.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT requested_by, outcome FROM consent_confirmations WHERE customer_id = ?")) {
            ps.setLong(1, customer);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              assertThat(rs.getString(2)).isEqualTo("sent");
              return rs.getString(1);
            }
          }
        });
  }

  /** The double-opt-in entries of the ledger: applied, evidence, ip, user agent. */
  private List<String[]> doubleOptIns(long customer) {
    return tx.read(
        c -> {
          List<String[]> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT applied, evidence, ip, user_agent FROM consent_ledger WHERE customer_id"
                      + " = ? AND source = 'double-opt-in' ORDER BY id")) {
            ps.setLong(1, customer);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new String[] {
                      String.valueOf(rs.getBoolean(1)),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4)
                    });
              }
            }
          }
          return out;
        });
  }

  /** The message that reached {@code address}, waiting a little for it. */
  private MimeMessage received(String address) throws Exception {
    for (int i = 0; i < 100; i++) {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        if (((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(address)) {
          return m;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no message reached " + address);
  }

  private static String part(MimeMessage m, int index) throws Exception {
    return (String) ((MimeMultipart) m.getContent()).getBodyPart(index).getContent();
  }

  private static String token(String text) {
    Matcher link = LINK.matcher(text);
    assertThat(link.find()).as("a confirmation link in %s", text).isTrue();
    return link.group(1);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
