package io.affinity.service.console.browser;

import static io.affinity.service.api.TestApi.INGEST;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.affinity.campaigns.campaign.CampaignService;
import io.affinity.campaigns.campaign.CampaignView;
import io.affinity.campaigns.campaign.RecipientState;
import io.affinity.campaigns.campaign.RecipientView;
import io.affinity.campaigns.segments.Segments;
import io.affinity.campaigns.templates.TemplateInput;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.service.api.TestApi;
import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.Role;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The campaigns page in chromium: a marketer creates a campaign with a control group and two
 * variants, launches it to a GreenMail server, watches it finish on its page (which polls) and
 * opens the lift report with its charts; an analyst registers an external campaign, uploads its
 * recipients and reads its report. At 1280 and 390 pixels, without sideways scrolling.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignsBrowserTest implements TestPropertyProvider {
  static final String PASSWORD = "campaigns browser password";
  static final int CUSTOMERS = 30;

  private final int port = freePort();
  private final GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));

  @Inject EmbeddedServer server;
  @Inject ConsoleUsers users;
  @Inject TemplateService templates;
  @Inject Segments segments;
  @Inject CampaignService campaigns;

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;

  ChromeDriver driver;
  String run;
  String marketer;
  String analyst;
  String segmentName;

  CampaignsBrowserTest() {
    smtp.start();
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "affinity.mail.host", "127.0.0.1",
        "affinity.mail.port", String.valueOf(port),
        "affinity.mail.poll-interval", "100ms");
  }

  @BeforeAll
  void customersSegmentTemplatesUsersAndBrowser() {
    run = UUID.randomUUID().toString().substring(0, 6);
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < CUSTOMERS; i++) {
      batch.append(i == 0 ? "" : ",").append("{\"id\":\"cb").append(run).append("-").append(i);
      batch.append("\",\"email\":\"cb").append(run).append("-").append(i);
      batch.append("@test.example\",\"name\":\"Person ").append(i);
      batch.append("\",\"emailConsent\":true,\"postcode\":\"PC").append(run).append("\"}");
    }
    TestApi api = new TestApi(client, json);
    assertThat(api.post("/api/customers/batch", batch + "]", INGEST).status()).isEqualTo(200);
    segmentName = "Postcode " + run;
    segments.create(
        Map.of(
            "name",
            segmentName,
            "rules",
            Map.of("all", List.of(Map.of("field", "postcode", "op", "=", "value", "PC" + run)))));
    templates.create(
        new TemplateInput("spring-a-" + run, "Spring A " + run, "Spring", "<p>Hello A</p>", null));
    templates.create(
        new TemplateInput("spring-b-" + run, "Spring B " + run, "Spring", "<p>Hello B</p>", null));
    marketer = "mark-" + run;
    analyst = "ana-" + run;
    users.create(marketer, PASSWORD, Role.MARKETER);
    users.create(analyst, PASSWORD, Role.ANALYST);
    driver = Browser.start();
  }

  @AfterAll
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    smtp.stop();
  }

  @BeforeEach
  void signedOut() {
    Browser.width(driver, ConsoleBrowserTest.WIDE);
    driver.manage().deleteAllCookies();
  }

  @Test
  void aMarketerLaunchesAnABTestWithAControlGroupWatchesItFinishAndReadsItsLift() {
    signIn(marketer);
    driver.findElement(By.linkText("Campaigns")).click();
    driver.findElement(By.linkText("New campaign")).click();
    assertThat(h1()).isEqualTo("New campaign");

    type("name", "Spring sale " + run);
    new Select(driver.findElement(By.id("audience")))
        .selectByVisibleText(segmentName + " (#" + segmentId() + ")");
    type("fromAddress", "shop@shop.example");
    type("fromName", "The Shop");
    new Select(driver.findElement(By.id("v0Template"))).selectByVisibleText(template("a"));
    new Select(driver.findElement(By.id("v1Template"))).selectByVisibleText(template("b"));
    type("controlPercent", "20");
    type("attributionDays", "7");
    shot("campaign-form-1280");
    driver.findElement(By.id("save")).click();
    at("/console/campaigns/\\d+");

    assertThat(h1()).startsWith("Spring sale " + run);
    assertThat(status()).isEqualTo("draft");
    shot("campaign-draft-1280");
    driver.findElement(By.partialLinkText("Launch")).click();
    at("/console/campaigns/\\d+/actions/launch");
    assertThat(driver.findElement(By.tagName("main")).getText()).contains("Launch this campaign?");
    shot("campaign-confirm-1280");
    String campaignPage = driver.getCurrentUrl().replaceAll("/actions/launch$", "");
    driver.findElement(By.id("confirm")).click();
    at("/console/campaigns/\\d+");

    assertThat(driver.getCurrentUrl()).isEqualTo(campaignPage);
    // The page is not reloaded: htmx replaces its live part every 2 s until the campaign is done.
    driver.executeScript("document.body.setAttribute('data-loaded-once', 'yes');");
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "finished".equals(status()));
    assertThat(driver.findElement(By.tagName("body")).getAttribute("data-loaded-once"))
        .isEqualTo("yes");
    String live = driver.findElement(By.id("live")).getText();
    assertThat(live).contains(CUSTOMERS + " of " + CUSTOMERS + " recipients done (100%)");
    shot("campaign-finished-1280");

    long id = Long.parseLong(campaignPage.replaceAll(".*/", ""));
    CampaignView finished = campaigns.find(id);
    long sent = finished.progress().states().get("sent");
    long control = finished.progress().states().get("control");
    assertThat(control).isPositive();
    assertThat(sent + control).isEqualTo(CUSTOMERS);
    assertThat(mailsTo("cb" + run + "-")).isEqualTo(sent);
    assertThat(live).contains("Sent\n" + sent);

    // Two mailed people and one held out buy: far too few to tell a lift, which the report says.
    List<String> buyers =
        new java.util.ArrayList<>(
            campaigns.recipients(id, RecipientState.SENT, 0, 2).stream()
                .map(RecipientView::customerId)
                .toList());
    buyers.add(campaigns.recipients(id, RecipientState.CONTROL, 0, 1).get(0).customerId());
    buy(buyers);

    driver.findElement(By.linkText("Lift report")).click();
    at("/console/campaigns/\\d+/report");
    assertThat(h1()).isEqualTo("Lift report: Spring sale " + run);
    chartsDrawn();
    String report = driver.findElement(By.tagName("main")).getText();
    assertThat(report).contains("By variant").contains("By RFM segment");
    assertThat(driver.findElement(By.id("chart-variant")).getAttribute("data-figures"))
        .contains("\"groups\":[\"A\",\"B\"]");
    WebElement warnings = driver.findElement(By.cssSelector(".warnings"));
    assertThat(warnings.isDisplayed()).isTrue();
    assertThat(warnings.getText()).contains("Read this first").contains("may be noise");
    shot("campaign-report-1280");

    Browser.width(driver, ConsoleBrowserTest.NARROW);
    for (String[] page :
        new String[][] {
          {"campaigns-390", "/console/campaigns"},
          {"campaign-390", "/console/campaigns/" + id},
          {"campaign-form-390", "/console/campaigns/new"},
          {"campaign-report-390", "/console/campaigns/" + id + "/report"}
        }) {
      driver.get(url(page[1]));
      if (page[0].startsWith("campaign-report")) {
        chartsDrawn();
      }
      fits(page[0]);
      shot(page[0]);
    }
    Browser.width(driver, ConsoleBrowserTest.WIDE);
    driver.get(url("/console/campaigns"));
    fits("campaigns-1280");
    shot("campaigns-1280");
  }

  @Test
  void anAnalystRegistersAnExternalCampaignUploadsItsRecipientsAndReadsTheReport()
      throws IOException {
    signIn(analyst);
    driver.findElement(By.linkText("Campaigns")).click();
    assertThat(driver.findElements(By.linkText("New campaign"))).isEmpty();
    driver.findElement(By.linkText("Register an external campaign")).click();
    type("name", "Partner mailing " + run);
    driver.executeScript(
        "arguments[0].value = arguments[1];",
        driver.findElement(By.id("startedAt")),
        "2026-01-05T09:00");
    type("attributionDays", "30");
    type("variants", "mailed");
    shot("campaign-external-1280");
    driver.findElement(By.id("register")).click();
    at("/console/campaigns/\\d+");

    assertThat(h1()).startsWith("Partner mailing " + run);
    StringBuilder csv = new StringBuilder("customer_id,arm\n");
    for (int i = 0; i < 12; i++) {
      csv.append("cb").append(run).append("-").append(i).append(i < 8 ? ",mailed\n" : ",control\n");
    }
    Path file = Files.createTempFile("recipients-" + run, ".csv");
    Files.writeString(file, csv);
    driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
    driver.findElement(By.cssSelector("form[enctype] button[type=submit]")).click();
    at("/console/campaigns/\\d+\\?imported=12");

    assertThat(driver.findElement(By.cssSelector("[role=status]")).getText())
        .isEqualTo("Imported 12 recipients.");
    shot("campaign-external-uploaded-1280");
    driver.findElement(By.linkText("Lift report")).click();
    at("/console/campaigns/\\d+/report");
    chartsDrawn();
    String report = driver.findElement(By.tagName("main")).getText();
    assertThat(report).contains("Lift report: Partner mailing " + run).contains("mailed");
    shot("campaign-external-report-1280");
    Browser.width(driver, ConsoleBrowserTest.NARROW);
    driver.navigate().refresh();
    chartsDrawn();
    fits("external report");
    Files.delete(file);
  }

  private void buy(List<String> customers) {
    StringBuilder events = new StringBuilder("[");
    for (int i = 0; i < customers.size(); i++) {
      events.append(i == 0 ? "" : ",").append("{\"eventId\":\"buy-").append(run).append(i);
      events.append("\",\"type\":\"purchase\",\"customerId\":\"").append(customers.get(i));
      events.append("\",\"productId\":\"p-").append(run).append("\",\"orderId\":\"o-");
      events.append(run).append(i).append("\",\"quantity\":1,\"unitPrice\":12.5,\"time\":\"");
      events.append(java.time.Instant.now()).append("\"}");
    }
    TestApi.Reply r = new TestApi(client, json).post("/api/events", events + "]", INGEST);
    assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
  }

  /** A screenshot of the whole page from its top, with no field focused. */
  private void shot(String name) {
    driver.executeScript("document.activeElement.blur(); window.scrollTo(0, 0);");
    Browser.screenshot(driver, name);
  }

  private void signIn(String user) {
    driver.get(url("/console/login"));
    driver.findElement(By.id("username")).sendKeys(user);
    Browser.submit(driver, driver.findElement(By.id("password")), PASSWORD);
  }

  /** Waits until the browser is at a path matching {@code pathRegex} (a click's page loaded). */
  private void at(String pathRegex) {
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(
            d ->
                d.getCurrentUrl().matches(".*" + pathRegex + "$")
                    && "complete".equals(driver.executeScript("return document.readyState;")));
  }

  private String url(String path) {
    return server.getURL() + path;
  }

  private String h1() {
    return driver.findElement(By.tagName("h1")).getText();
  }

  private String status() {
    return driver.findElement(By.cssSelector("[data-status]")).getAttribute("data-status");
  }

  private void type(String id, String text) {
    WebElement e = driver.findElement(By.id(id));
    e.clear();
    e.sendKeys(text);
  }

  private long segmentId() {
    String option =
        driver.findElements(By.cssSelector("#audience option")).stream()
            .map(WebElement::getText)
            .filter(t -> t.startsWith(segmentName + " (#"))
            .findFirst()
            .orElseThrow();
    return Long.parseLong(option.replaceAll(".*\\(#(\\d+)\\)$", "$1"));
  }

  private String template(String variant) {
    String name = "Spring " + variant.toUpperCase() + " " + run;
    return name + " (spring-" + variant + "-" + run + ")";
  }

  /** Waits until campaign-charts.js has drawn every chart of the page into a canvas. */
  private void chartsDrawn() {
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(
            d ->
                d.findElements(By.cssSelector(".chart")).size() == 2
                    && d.findElements(By.cssSelector(".chart[data-rendered=true] canvas")).size()
                        >= 2);
  }

  private void fits(String page) {
    long scroll =
        ((Number) driver.executeScript("return document.documentElement.scrollWidth;")).longValue();
    long client =
        ((Number) driver.executeScript("return document.documentElement.clientWidth;")).longValue();
    assertThat(scroll).as("%s scrolls sideways", page).isLessThanOrEqualTo(client);
  }

  private long mailsTo(String prefix) {
    long n = 0;
    try {
      for (Message m : smtp.getReceivedMessages()) {
        String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
        if (to.startsWith(prefix)) {
          n++;
        }
      }
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
    return n;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
