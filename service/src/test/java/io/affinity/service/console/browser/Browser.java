package io.affinity.service.console.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through its chromedriver (no Selenium Manager download).
 * Missing chromium is a failure, not a skip: {@code .ci/run} installs it.
 */
final class Browser {
  static final String CHROMIUM = System.getProperty("affinity.chromium", "/usr/bin/chromium");
  static final String DRIVER = System.getProperty("affinity.chromedriver", "/usr/bin/chromedriver");

  private Browser() {}

  static ChromeDriver start() {
    if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(DRIVER))) {
      throw new AssertionError(
          "The console's browser tests need chromium and chromedriver ("
              + CHROMIUM
              + ", "
              + DRIVER
              + "): apt-get install chromium chromium-driver");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--window-size=1280,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(Path.of(DRIVER).toFile()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /** Sets the viewport's width (the height is generous: screenshots take the whole page). */
  static void width(ChromeDriver driver, int width) {
    driver.manage().window().setSize(new Dimension(width, 900));
  }

  /**
   * Saves the page as {@code target/console-screenshots/<name>.png} (the whole page, not only the
   * viewport); with {@code -Daffinity.console.screenshots=docs} into {@code docs/console/}, for
   * refreshing the documentation's pictures after looking at them: a normal build leaves the
   * tracked pictures alone.
   */
  static void screenshot(ChromeDriver driver, String name) {
    Object height = driver.executeScript("return document.documentElement.scrollHeight;");
    Dimension before = driver.manage().window().getSize();
    int h = Math.min(4000, ((Number) height).intValue() + 20);
    driver.manage().window().setSize(new Dimension(before.getWidth(), Math.max(h, 600)));
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    driver.manage().window().setSize(before);
    try {
      Path dir =
          "docs".equals(System.getProperty("affinity.console.screenshots"))
              ? docs().resolve("console")
              : Path.of("target", "console-screenshots");
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository's docs directory (tests run in the module directory). */
  static Path docs() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    return (dir == null ? Path.of("").toAbsolutePath() : dir).resolve("docs");
  }

  /**
   * Types {@code text} into {@code field}, presses Enter and waits until the page the form posts to
   * has loaded: the old page's field gone stale and the new document complete. Without the wait a
   * test reads the page it left (seen: the sign-in heading after a successful sign-in).
   */
  static void submit(ChromeDriver driver, WebElement field, String text) {
    field.sendKeys(text, Keys.ENTER);
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(
            d ->
                ExpectedConditions.stalenessOf(field).apply(d)
                    && "complete".equals(driver.executeScript("return document.readyState;")));
  }
}
