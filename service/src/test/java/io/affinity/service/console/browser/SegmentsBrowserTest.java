package io.affinity.service.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.segments.Segments;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.core.value.CustomerValueService;
import io.affinity.service.console.Formats;
import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.Role;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A marketer builds a segment in the rule builder in headless chromium: a condition at the top and
 * a negated one inside a group, watching the live count follow each change (checked against the
 * count the segments service gives for the same tree), saves it, opens it and finds it in the list;
 * every segments page fits 1280 and 390 pixels without sideways scrolling. Screenshots as {@link
 * ConsoleBrowserTest}'s.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentsBrowserTest {
  @Inject EmbeddedServer server;
  @Inject ConsoleUsers users;
  @Inject SyntheticShopLoader loader;
  @Inject CustomerValueService values;
  @Inject Segments segments;
  @Inject JsonMapper json;
  @Inject TransactionOperations<Connection> tx;

  ChromeDriver driver;
  String marketer;

  @BeforeAll
  void shopUserAndBrowser() {
    ShopSpec spec =
        ShopSpec.of(300, 80, 12_000, 5)
            .withHistory(365, Instant.now())
            .withIdPrefix("sb" + UUID.randomUUID().toString().substring(0, 4) + "-");
    loader.load(spec, ProgressListener.NONE);
    values.recomputeAll(ProgressListener.NONE);
    marketer = "maria-" + UUID.randomUUID().toString().substring(0, 6);
    users.create(marketer, ConsoleBrowserTest.PASSWORD, Role.MARKETER);
    driver = Browser.start();
  }

  @AfterAll
  void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  String url(String path) {
    return server.getURL() + path;
  }

  /** What the segments service counts for {@code rules} (JSON) now, as the page shows it. */
  String expected(String rules) throws IOException {
    Map<?, ?> tree = json.readValue(rules, Map.class);
    return Formats.count(segments.preview(Map.of("rules", tree)).count());
  }

  String liveCount() {
    List<WebElement> count = driver.findElements(By.id("live-count"));
    return count.isEmpty() ? "" : count.get(0).getText();
  }

  void waitForCount(String count) {
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .withMessage(() -> "live count " + count + ", the page shows '" + liveCount() + "'")
        .until(d -> liveCount().equals(count));
  }

  /** Waits until {@code done} holds (a page loaded after a click, a fragment swapped in). */
  void waitFor(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> done) {
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(done::apply);
  }

  WebElement in(String css) {
    return driver.findElement(By.cssSelector("#builder " + css));
  }

  /** The elements that reach past the viewport's right edge, for a failure's message. */
  Object overflowing() {
    return driver.executeScript(
        "var w = document.documentElement.clientWidth; return Array.from("
            + "document.querySelectorAll('main *')).filter(function (e) {"
            + " return e.getBoundingClientRect().right > w + 1; }).slice(0, 5).map(function (e) {"
            + " return e.tagName + '.' + e.className; }).join(', ');");
  }

  @Test
  void aMarketerBuildsASegmentWatchesItsCountAndSavesIt() throws IOException {
    signIn();
    driver.findElement(By.linkText("Segments")).click();
    waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("Segments"));
    driver.findElement(By.linkText("New segment")).click();
    waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("New segment"));

    // The builder starts from everyone who may be e-mailed, counted at once.
    String consented = "{\"all\":[{\"field\":\"email_consent\",\"op\":\"=\",\"value\":true}]}";
    waitForCount(expected(consented));

    // The first condition becomes "orders >= 2"; while its value is missing, the problem shows at
    // the rule.
    String first = ".rb-root > .rb-children > .rb-item:nth-child(1) > .rb-rule ";
    new Select(in(first + ".rb-fieldname")).selectByValue("orders");
    WebElement problem = in(first + "> .rb-errors");
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> problem.isDisplayed());
    assertThat(problem.getText()).contains("must be a whole number");
    assertThat(in(first + ".rb-value").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(in(first + ".rb-value").getAttribute("aria-describedby"))
        .isEqualTo(problem.getAttribute("id"));
    Browser.screenshot(driver, "segments-editor-problem-1280");
    new Select(in(first + ".rb-op")).selectByValue(">=");
    in(first + ".rb-value").sendKeys("2");
    String repeat = "{\"all\":[{\"field\":\"orders\",\"op\":\">=\",\"value\":2}]}";
    waitForCount(expected(repeat));
    assertThat(problem.isDisplayed()).isFalse();
    assertThat(expected(repeat)).isNotEqualTo(expected(consented));

    // A group holding a negated condition: not champions.
    in(".rb-root > .rb-add .rb-add-group").click();
    String group = ".rb-root > .rb-children > .rb-item:nth-child(2) > .rb-group ";
    String inner = group + "> .rb-children > .rb-item:nth-child(1) > .rb-rule ";
    new Select(in(group + "> .rb-head .rb-mode")).selectByValue("any");
    new Select(in(inner + ".rb-fieldname")).selectByValue("rfm_segment");
    in(inner + ".rb-value").sendKeys("champions");
    in(inner + ".rb-not").click();
    String built =
        "{\"all\":[{\"field\":\"orders\",\"op\":\">=\",\"value\":2},{\"any\":[{\"not\":"
            + "{\"field\":\"rfm_segment\",\"op\":\"=\",\"value\":\"champions\"}}]}]}";
    String count = expected(built);
    waitForCount(count);
    assertThat(count).isNotEqualTo(expected(repeat));
    assertThat(driver.findElement(By.id("seg-rules")).getAttribute("value")).isEqualTo(built);
    assertThat(driver.findElement(By.id("preview")).getText())
        .contains("By RFM segment")
        .contains("Sample members")
        .doesNotContain("champions");

    String name = "Repeat buyers, not champions " + marketer;
    driver.findElement(By.id("seg-name")).sendKeys(name);
    Browser.screenshot(driver, "segments-editor-1280");
    driver.findElement(By.id("seg-save")).click();

    waitFor(d -> d.findElement(By.tagName("h1")).getText().equals(name));
    waitForCount(count);
    assertThat(driver.findElement(By.tagName("main")).getText())
        .contains("orders >= 2")
        .contains("Not: rfm_segment = champions");
    Browser.screenshot(driver, "segment-1280");
    String segmentPage = driver.getCurrentUrl();
    driver.findElement(By.xpath("//button[text()='Take a snapshot']")).click();
    waitFor(d -> !d.findElements(By.cssSelector("[role=status]")).isEmpty());
    assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("taken");

    driver.findElement(By.linkText("Segments")).click();
    waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("Segments"));
    WebElement row = driver.findElement(By.xpath("//table//tr[td/a[text()=\"" + name + "\"]]"));
    row.findElement(By.linkText("Count")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> row.findElement(By.cssSelector(".seg-count")).getText().equals(count));
    Browser.screenshot(driver, "segments-1280");

    for (String[] page :
        new String[][] {
          {"segments", "/console/segments"},
          {"segment", segmentPage.substring(segmentPage.indexOf("/console/"))},
          {"segments-editor", segmentPage.substring(segmentPage.indexOf("/console/")) + "/edit"}
        }) {
      for (int width : new int[] {ConsoleBrowserTest.WIDE, ConsoleBrowserTest.NARROW}) {
        Browser.width(driver, width);
        driver.get(url(page[1]));
        if (page[0].equals("segments-editor")) {
          waitForCount(count);
        }
        long scroll =
            ((Number) driver.executeScript("return document.documentElement.scrollWidth;"))
                .longValue();
        long client =
            ((Number) driver.executeScript("return document.documentElement.clientWidth;"))
                .longValue();
        assertThat(scroll)
            .as("%s at %d px scrolls sideways: %s", page[0], width, overflowing())
            .isLessThanOrEqualTo(client);
        if (width == ConsoleBrowserTest.NARROW) {
          Browser.screenshot(driver, page[0] + "-390");
        }
      }
    }
  }

  @Test
  void everyKindOfRuleComesBackFromTheBuilderAsItWasSaved() throws IOException {
    String[] product =
        tx.executeRead(
            status -> {
              try (var ps =
                      status
                          .getConnection()
                          .prepareStatement(
                              "SELECT external_id, category_path FROM products"
                                  + " WHERE category_path IS NOT NULL ORDER BY id LIMIT 1");
                  var rs = ps.executeQuery()) {
                rs.next();
                return new String[] {rs.getString(1), rs.getString(2)};
              }
            });
    String saved =
        "{\"all\":[{\"field\":\"country\",\"op\":\"in\",\"value\":[\"DE\",\"FR\"]},"
            + "{\"field\":\"orders\",\"op\":\"between\",\"value\":[1,5]},"
            + "{\"field\":\"has_email\",\"op\":\"=\",\"value\":true},"
            + "{\"bought\":{\"category\":\"CAT\",\"withinDays\":90}},"
            + "{\"neverBought\":{\"product\":\"SKU\"}},"
            + "{\"not\":{\"any\":[{\"engaged\":{\"event\":\"click\",\"withinDays\":7}},"
            + "{\"field\":\"churn_probability\",\"op\":\">\",\"value\":0.5}]}},"
            + "{\"likelyBuyers\":{\"product\":\"SKU\",\"top\":50}}]}";
    saved = saved.replace("CAT", product[1]).replace("SKU", product[0]);
    String name = "Every kind " + marketer;
    long id = segments.create(Map.of("name", name, "rules", json.readValue(saved, Map.class))).id();
    signIn();

    driver.get(url("/console/segments/" + id + "/edit"));
    waitFor(d -> !d.findElements(By.cssSelector("#builder .rb-root")).isEmpty());

    // neverBought is shown as a negated "bought" and written back as not-bought: the same rule.
    String expected =
        saved.replace(
            "{\"neverBought\":{\"product\":\"" + product[0] + "\"}}",
            "{\"not\":{\"bought\":{\"product\":\"" + product[0] + "\"}}}");
    assertThat(driver.findElement(By.id("seg-rules")).getAttribute("value")).isEqualTo(expected);
    driver.findElement(By.id("seg-save")).click();
    waitFor(d -> d.findElement(By.tagName("h1")).getText().equals(name));
    assertThat(segments.find(id).version()).isEqualTo(2);
    assertThat(json.writeValueAsString(segments.find(id).rules())).isEqualTo(expected);
  }

  void signIn() {
    driver.manage().deleteAllCookies();
    Browser.width(driver, ConsoleBrowserTest.WIDE);
    driver.get(url("/console/login"));
    driver.findElement(By.id("username")).sendKeys(marketer);
    Browser.submit(driver, driver.findElement(By.id("password")), ConsoleBrowserTest.PASSWORD);
    waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("Overview"));
  }
}
