package io.affinity.service.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.customer.CustomerService;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.core.value.CustomerValueService;
import io.affinity.recommender.model.ModelTrainer;
import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.Role;
import io.affinity.service.demo.DemoSample;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
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

/**
 * The console in a real browser (headless chromium): signing in, a refused password, a marketer
 * kept out of an admin page, a customer found and opened, and every page laid out at 1280 and 390
 * pixels wide without sideways scrolling. The screenshots go to target/console-screenshots/ (to
 * docs/console/ with -Daffinity.console.screenshots=docs).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
  static final String PASSWORD = "browser test password";
  static final int WIDE = 1280;
  static final int NARROW = 390;

  @Inject EmbeddedServer server;
  @Inject ConsoleUsers users;
  @Inject SyntheticShopLoader loader;
  @Inject CustomerValueService values;
  @Inject ModelTrainer trainer;
  @Inject DemoSample sample;
  @Inject CustomerService customers;

  ChromeDriver driver;
  String admin;
  String marketer;
  String customerId;
  String customerName;

  @BeforeAll
  void shopUsersAndBrowser() {
    ShopSpec spec =
        ShopSpec.of(300, 80, 12_000, 3)
            .withHistory(365, Instant.now())
            .withIdPrefix("cb" + UUID.randomUUID().toString().substring(0, 4) + "-");
    loader.load(spec, ProgressListener.NONE);
    values.recomputeAll(ProgressListener.NONE);
    trainer.train(ProgressListener.NONE);
    customerId = sample.customer().orElseThrow();
    customerName = customers.find(customerId).name();
    String run = UUID.randomUUID().toString().substring(0, 6);
    admin = "anna-" + run;
    marketer = "mark-" + run;
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

  void signIn(String user, String password) {
    driver.get(url("/console/login"));
    driver.findElement(By.id("username")).sendKeys(user);
    // The keyboard alone: Enter in the password field submits the form.
    Browser.submit(driver, driver.findElement(By.id("password")), password);
  }

  String h1() {
    return driver.findElement(By.tagName("h1")).getText();
  }

  @Test
  void signingInWithTheRightPasswordShowsTheOverview() {
    driver.get(url("/console"));
    assertThat(driver.getCurrentUrl()).endsWith("/console/login");
    Browser.screenshot(driver, "login-1280");

    signIn(admin, PASSWORD);

    assertThat(h1()).isEqualTo("Overview");
    assertThat(driver.findElement(By.cssSelector("header")).getText()).contains(admin);
    assertThat(driver.findElement(By.cssSelector(".tiles")).getText()).contains("Customers");
    assertThat(driver.getPageSource()).contains("Recommendation model").contains("NDCG");
    Browser.screenshot(driver, "overview-1280");
  }

  @Test
  void aWrongPasswordIsRefused() {
    signIn(admin, "a wrong password");

    assertThat(driver.getCurrentUrl()).endsWith("/console/login");
    assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText())
        .contains("Wrong user name or password");
    driver.get(url("/console"));
    assertThat(driver.getCurrentUrl()).endsWith("/console/login");
  }

  @Test
  void aMarketerIsRefusedAnAdminPage() {
    signIn(marketer, PASSWORD);
    assertThat(h1()).isEqualTo("Overview");
    assertThat(driver.findElements(By.linkText("Settings"))).isEmpty();

    driver.get(url("/console/settings/users"));

    assertThat(h1()).isEqualTo("Not allowed");
  }

  @Test
  void aCustomerIsFoundAndOpened() {
    signIn(admin, PASSWORD);
    driver.findElement(By.linkText("Customers")).click();
    WebElement search = driver.findElement(By.id("q"));
    String fragment = customerName.split(" ")[0];
    Browser.submit(driver, search, fragment);

    assertThat(driver.findElement(By.tagName("table")).getText()).contains(customerId);
    Browser.screenshot(driver, "customers-1280");
    driver.findElement(By.linkText(customerId)).click();

    assertThat(h1()).isEqualTo(customerName);
    String page = driver.findElement(By.tagName("main")).getText();
    assertThat(page).contains("Value and RFM").contains("Consent").contains("Recent events");
    assertThat(page).contains("Recommendations").contains("Why");
    Browser.screenshot(driver, "customer-1280");
  }

  @Test
  void theFirstTabReachesTheSkipLinkAndFocusIsVisible() {
    signIn(admin, PASSWORD);

    driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);

    WebElement focused = driver.switchTo().activeElement();
    assertThat(focused.getText()).isEqualTo("Skip to content");
    assertThat(focused.getCssValue("outline-style")).isEqualTo("solid");
  }

  @Test
  void everyPageFitsAPhoneAndAWideScreen() {
    signIn(admin, PASSWORD);
    String[][] pages = {
      {"overview", "/console"},
      {"customers", "/console/customers?q=" + customerName.split(" ")[0]},
      {"customer", "/console/customers/" + customerId},
      {"users", "/console/settings/users"}
    };
    for (int width : new int[] {WIDE, NARROW}) {
      Browser.width(driver, width);
      for (String[] page : pages) {
        driver.get(url(page[1]));
        long scroll =
            ((Number) driver.executeScript("return document.documentElement.scrollWidth;"))
                .longValue();
        long client =
            ((Number) driver.executeScript("return document.documentElement.clientWidth;"))
                .longValue();
        assertThat(scroll)
            .as("%s at %d px scrolls sideways", page[0], width)
            .isLessThanOrEqualTo(client);
        if (width == NARROW || page[0].equals("users")) {
          Browser.screenshot(driver, page[0] + "-" + width);
        }
      }
    }
    driver.manage().deleteAllCookies();
    driver.get(url("/console/login"));
    Browser.screenshot(driver, "login-390");
  }
}
