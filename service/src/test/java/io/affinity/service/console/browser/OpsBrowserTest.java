package io.affinity.service.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.recommender.model.ModelTrainer;
import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.Role;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The triggers, models and settings pages in headless chromium: a marketer creates a trigger (after
 * an error shown at its field) and pauses it through the confirmation; an admin sees the holdout
 * chart drawn, trains a model and watches the run to its end; an admin creates an API key, sees it
 * once and revokes it. Every page at 1280 and 390 pixels without sideways scrolling, with
 * screenshots (target/console-screenshots/, docs/console/ with
 * -Daffinity.console.screenshots=docs).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsBrowserTest {
  static final String PASSWORD = "ops browser password";
  static final int WIDE = 1280;
  static final int NARROW = 390;

  @Inject EmbeddedServer server;
  @Inject ConsoleUsers users;
  @Inject SyntheticShopLoader loader;
  @Inject ModelTrainer trainer;

  ChromeDriver driver;
  String admin;
  String marketer;
  String run;

  @BeforeAll
  void shopUsersAndBrowser() {
    run = UUID.randomUUID().toString().substring(0, 6);
    loader.load(
        ShopSpec.of(300, 80, 12_000, 3)
            .withHistory(365, Instant.now())
            .withIdPrefix("ob" + run + "-"),
        ProgressListener.NONE);
    trainer.train(ProgressListener.NONE);
    admin = "oa-" + run;
    marketer = "om-" + run;
    users.create(admin, PASSWORD, Role.ADMIN);
    users.create(marketer, PASSWORD, Role.MARKETER);
    driver = Browser.start();
  }

  @AfterAll
  void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @BeforeEach
  void signedOut() {
    Browser.width(driver, WIDE);
    driver.manage().deleteAllCookies();
  }

  String url(String path) {
    return server.getURL() + path;
  }

  void signIn(String user) {
    driver.get(url("/console/login"));
    driver.findElement(By.id("username")).sendKeys(user);
    WebElement page = driver.findElement(By.tagName("html"));
    driver.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
    waiting(30).until(ExpectedConditions.stalenessOf(page));
    assertThat(h1()).isEqualTo("Overview");
  }

  /** Clicks what {@code by} finds and waits for the next page to replace this one. */
  void go(By by) {
    WebElement page = driver.findElement(By.tagName("html"));
    driver.findElement(by).click();
    waiting(30).until(ExpectedConditions.stalenessOf(page));
    waiting(30).until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
  }

  String h1() {
    return driver.findElement(By.tagName("h1")).getText();
  }

  WebDriverWait waiting(int seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds));
  }

  void fitsTheWidth(String page, int width) {
    long scroll =
        ((Number) driver.executeScript("return document.documentElement.scrollWidth;")).longValue();
    long client =
        ((Number) driver.executeScript("return document.documentElement.clientWidth;")).longValue();
    Object widest =
        driver.executeScript(
            "var w = document.documentElement.clientWidth, out = [];"
                + " document.querySelectorAll('main *').forEach(function (e) {"
                + " var r = e.getBoundingClientRect();"
                + " if (r.right > w + 1) { out.push(e.tagName + '.' + e.className + ' ' + r.right); } });"
                + " return out.slice(0, 5).join('; ');");
    assertThat(scroll)
        .as("%s at %d px scrolls sideways: %s", page, width, widest)
        .isLessThanOrEqualTo(client);
  }

  @Test
  void aMarketerCreatesATriggerAndPausesIt() {
    signIn(marketer);
    go(By.linkText("Triggers"));
    assertThat(h1()).isEqualTo("Triggers");
    go(By.linkText("New trigger"));
    assertThat(h1()).isEqualTo("New trigger");

    driver.findElement(By.id("name")).sendKeys("Garden follow-up " + run);
    driver.findElement(By.id("categoryPrefix")).sendKeys("Garden" + run);
    new Select(driver.findElement(By.id("templateId"))).selectByIndex(1);
    driver.findElement(By.id("fromAddress")).sendKeys("not an address");
    WebElement holdout = driver.findElement(By.id("holdoutPercent"));
    holdout.clear();
    holdout.sendKeys("15");
    go(By.id("save"));

    assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText()).contains("not saved");
    WebElement from = driver.findElement(By.id("fromAddress"));
    assertThat(from.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(driver.findElement(By.id("fromAddress-error")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("name")).getAttribute("value"))
        .isEqualTo("Garden follow-up " + run);
    Browser.screenshot(driver, "trigger-form-1280");
    from.clear();
    from.sendKeys("shop@shop.example");
    go(By.id("save"));

    assertThat(h1()).contains("Garden follow-up " + run).contains("active");
    assertThat(driver.findElement(By.tagName("main")).getText())
        .contains("bought in Garden" + run)
        .contains("15%")
        .contains("Firing log")
        .contains("held-out");
    Browser.screenshot(driver, "trigger-1280");
    String detail = driver.getCurrentUrl();

    go(By.linkText("Pause…"));
    assertThat(h1()).startsWith("Pause trigger");
    Browser.screenshot(driver, "trigger-pause-1280");
    go(By.id("confirm"));

    assertThat(driver.getCurrentUrl()).isEqualTo(detail);
    assertThat(h1()).contains("paused");
    assertThat(driver.findElements(By.linkText("Resume…"))).hasSize(1);

    for (int width : new int[] {WIDE, NARROW}) {
      Browser.width(driver, width);
      for (String[] page :
          new String[][] {
            {"triggers", "/console/triggers"},
            {"trigger", detail.substring(server.getURL().toString().length())},
            {"trigger-form", "/console/triggers/new"}
          }) {
        driver.get(url(page[1]));
        fitsTheWidth(page[0], width);
        if (width == NARROW || page[0].equals("triggers")) {
          Browser.screenshot(driver, page[0] + "-" + width);
        }
      }
    }
  }

  @Test
  void anAdminSeesTheChartAndTrainsAModelWatchingItsProgress() {
    signIn(admin);
    go(By.linkText("Models"));
    assertThat(h1()).isEqualTo("Models");
    waiting(20)
        .until(ExpectedConditions.attributeToBe(By.id("holdout-chart"), "data-rendered", "true"));
    assertThat(drawnPixels()).as("pixels the chart drew").isGreaterThan(2_000);
    Browser.screenshot(driver, "models-1280");
    int before = driver.findElements(By.cssSelector("table.registry tbody tr")).size();

    driver.findElement(By.id("train")).click();

    // The panel appears (htmx), follows the run every second, and the page reloads at its end.
    waiting(20).until(ExpectedConditions.presenceOfElementLocated(By.id("training")));
    waiting(180)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("training"), "trained"));
    assertThat(driver.findElement(By.id("training")).getText()).contains("Model version");
    waiting(20)
        .until(
            d ->
                d.findElements(By.cssSelector("table.registry tbody tr")).size() > before
                    || before == 50);
    waiting(20)
        .until(ExpectedConditions.attributeToBe(By.id("holdout-chart"), "data-rendered", "true"));
    Browser.screenshot(driver, "models-trained-1280");

    Browser.width(driver, NARROW);
    driver.navigate().refresh();
    waiting(20)
        .until(ExpectedConditions.attributeToBe(By.id("holdout-chart"), "data-rendered", "true"));
    fitsTheWidth("models", NARROW);
    Browser.screenshot(driver, "models-390");
  }

  /** The chart canvas's pixels that are not transparent: a drawn chart has thousands. */
  long drawnPixels() {
    Object n =
        driver.executeScript(
            "var c = document.querySelector('#holdout-chart canvas');"
                + " if (!c) { return 0; }"
                + " var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " var n = 0; for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } }"
                + " return n;");
    return ((Number) n).longValue();
  }

  @Test
  void anAdminCreatesAKeySeesItOnceAndRevokesIt() {
    signIn(admin);
    go(By.linkText("Settings"));
    assertThat(h1()).isEqualTo("Settings");
    assertThat(driver.findElement(By.cssSelector(".tabs [aria-current=page]")).getText())
        .isEqualTo("Mail server");
    driver.findElement(By.id("check-smtp")).click();
    waiting(20)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("smtp-check-result"), "No SMTP host"));
    Browser.screenshot(driver, "settings-mail-1280");

    go(By.linkText("API keys"));
    String name = "shop-" + run;
    driver.findElement(By.id("key-name")).sendKeys(name);
    driver.findElement(By.id("scope-ingest")).click();
    go(By.id("create-key"));

    String secret = driver.findElement(By.id("secret")).getAttribute("value");
    assertThat(secret).startsWith("aff_");
    assertThat(driver.findElement(By.tagName("main")).getText()).contains("not shown again");
    Browser.screenshot(driver, "settings-keys-1280");
    go(By.linkText("API keys"));
    assertThat(driver.getPageSource()).contains(name).doesNotContain(secret);

    go(By.cssSelector("a[href='/console/settings/keys/" + name + "/revoke']"));
    assertThat(driver.findElement(By.tagName("main")).getText()).contains("Revoke API key " + name);
    Browser.screenshot(driver, "settings-keys-revoke-1280");
    go(By.id("confirm"));
    assertThat(driver.findElement(By.cssSelector("table.keys")).getText())
        .contains(name)
        .contains("revoked");

    for (int width : new int[] {WIDE, NARROW}) {
      Browser.width(driver, width);
      for (String page : new String[] {"mail", "keys", "users"}) {
        driver.get(url("/console/settings/" + page));
        fitsTheWidth("settings-" + page, width);
        if (width == NARROW) {
          Browser.screenshot(driver, "settings-" + page + "-390");
        }
      }
    }
  }
}
