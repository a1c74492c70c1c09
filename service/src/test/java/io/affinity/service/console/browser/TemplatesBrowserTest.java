package io.affinity.service.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.recommender.model.ModelTrainer;
import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.Role;
import io.affinity.service.demo.DemoSample;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A marketer's template workflow in headless chromium: writes a new template with a recommendations
 * block, watches the preview follow the typing for a customer (their picks in the sandboxed frame,
 * the text part beside it), creates it, sends a test to a real SMTP server (GreenMail) and finds
 * the message there, then breaks a line and sees the problem at that line. The list and the editor
 * fit 1280 and 390 pixels without sideways scrolling; screenshots as in {@link ConsoleBrowserTest}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplatesBrowserTest implements TestPropertyProvider {
  static final String PASSWORD = "template browser password";
  static final String HTML =
      "<h1>Hello ${customer.firstName!\"there\"}</h1>\n"
          + "<p>Picked for you:</p>\n"
          + "<#list recommendations as r>\n"
          + "<p class=\"rec\"><a href=\"${r.url}\">${r.name!r.id}</a> REC:${r.id}</p>\n"
          + "</#list>\n";

  private final int port = freePort();
  private final GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));

  @Inject EmbeddedServer server;
  @Inject ConsoleUsers users;
  @Inject SyntheticShopLoader loader;
  @Inject ModelTrainer trainer;
  @Inject DemoSample sample;

  ChromeDriver driver;
  String run;
  String marketer;
  String customerId;

  TemplatesBrowserTest() {
    smtp.start();
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "affinity.mail.host", "127.0.0.1",
        "affinity.mail.port", String.valueOf(port),
        "affinity.mail.poll-interval", "100ms",
        "affinity.mail.sender.address", "templates@shop.example");
  }

  @BeforeAll
  void shopUserAndBrowser() {
    run = UUID.randomUUID().toString().substring(0, 6);
    loader.load(
        ShopSpec.of(300, 80, 12_000, 3).withIdPrefix("tb" + run + "-"), ProgressListener.NONE);
    trainer.train(ProgressListener.NONE);
    customerId = sample.customer().orElseThrow();
    marketer = "tess-" + run;
    users.create(marketer, PASSWORD, Role.MARKETER);
    driver = Browser.start();
  }

  @AfterAll
  void stopBrowserAndSmtp() {
    if (driver != null) {
      driver.quit();
    }
    smtp.stop();
  }

  String url(String path) {
    return server.getURL() + path;
  }

  WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  @Test
  void aMarketerWritesPreviewsSavesAndTestsATemplate() throws Exception {
    Browser.width(driver, ConsoleBrowserTest.WIDE);
    driver.get(url("/console/login"));
    driver.findElement(By.id("username")).sendKeys(marketer);
    Browser.submit(driver, driver.findElement(By.id("password")), PASSWORD);
    driver.findElement(By.linkText("Templates")).click();
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Templates");
    driver.findElement(By.linkText("New template")).click();

    driver.findElement(By.id("key")).sendKeys("picks-" + run);
    driver.findElement(By.id("name")).sendKeys("Weekly picks " + run);
    driver.findElement(By.id("subject")).sendKeys("Picks for ${customer.firstName!\"you\"}");
    driver.findElement(By.id("customerId")).sendKeys(customerId);
    driver.findElement(By.id("html")).sendKeys(HTML);

    // The preview follows the typing: the customer's picks in the frame, and the text part.
    WebElement frame =
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("iframe")));
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".tpl-text"), "REC:"));
    assertThat(driver.findElement(By.cssSelector(".tpl-subject")).getText())
        .startsWith("Picks for");
    driver.switchTo().frame(frame);
    int recs = driver.findElements(By.cssSelector("p.rec")).size();
    assertThat(recs).as("recommendations in the HTML preview").isPositive();
    driver.switchTo().defaultContent();
    screenshot("template-editor-1280");

    driver.findElement(By.id("save")).click();

    assertThat(driver.findElement(By.cssSelector("[role=status]")).getText())
        .isEqualTo("Saved as version 1.");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Weekly picks " + run);
    assertThat(driver.findElement(By.id("customerId")).getAttribute("value")).isEqualTo(customerId);
    String to = "qa+" + run + "@shop.example";
    driver.findElement(By.id("to")).sendKeys(to);
    driver.findElement(By.id("send-test")).click();

    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("sent"), "Sent"));
    assertThat(driver.findElement(By.id("sent")).getText())
        .contains("[TEST] Picks for")
        .contains(to);
    assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage m = to(to);
    assertThat(m.getSubject()).startsWith("[TEST] Picks for");
    assertThat(GreenMailUtil.getBody(m)).contains("REC:");
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".tpl-text"), "REC:"));
    screenshot("template-sent-1280");

    // A broken line: the problem is shown at it, and "Go to line" puts the cursor there.
    WebElement html = driver.findElement(By.id("html"));
    html.sendKeys(Keys.END, "<p>${customer.name</p>");
    WebElement alert =
        waiting()
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#preview [role=alert]")));
    assertThat(alert.getText()).contains("HTML, line 6");
    assertThat(driver.findElement(By.cssSelector(".excerpt .marked")).getText())
        .contains("6")
        .contains("${customer.name");
    assertThat(html.getAttribute("aria-invalid")).isEqualTo("true");
    driver.findElement(By.cssSelector("button.goto")).click();
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("html");
    screenshot("template-error-1280");

    // The list and the editor on a phone.
    String editor = driver.getCurrentUrl();
    for (int width : new int[] {ConsoleBrowserTest.WIDE, ConsoleBrowserTest.NARROW}) {
      Browser.width(driver, width);
      for (String[] page :
          new String[][] {{"templates", url("/console/templates")}, {"template-editor", editor}}) {
        driver.get(page[1]);
        long scroll =
            ((Number) driver.executeScript("return document.documentElement.scrollWidth;"))
                .longValue();
        long client =
            ((Number) driver.executeScript("return document.documentElement.clientWidth;"))
                .longValue();
        assertThat(scroll)
            .as("%s at %d px scrolls sideways", page[0], width)
            .isLessThanOrEqualTo(client);
        if (width == ConsoleBrowserTest.NARROW || page[0].equals("templates")) {
          if (page[0].equals("template-editor")) {
            waiting()
                .until(
                    ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector(".tpl-text"), "REC:"));
          }
          screenshot(page[0] + "-" + width);
        }
      }
    }
    // The preview's requests, fired by the same fields, never repeat the test send.
    assertThat(smtp.getReceivedMessages()).as("the test message, sent once").hasSize(1);
  }

  /** A screenshot from the top of the page (typing scrolled it to the field). */
  private void screenshot(String name) {
    driver.executeScript("window.scrollTo(0, 0);");
    Browser.screenshot(driver, name);
  }

  /** The message GreenMail received for {@code address}. */
  private MimeMessage to(String address) throws Exception {
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (GreenMailUtil.getAddressList(m.getAllRecipients()).contains(address)) {
        return m;
      }
    }
    throw new AssertionError("no message to " + address);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
