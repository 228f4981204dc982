package org.licensekit.examples.lms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The headless Chromium the browser tests drive: Debian's {@code chromium} and
 * {@code chromium-driver}, so Selenium downloads nothing. Without them the tests are skipped with a
 * message saying how to install them, unless {@code -Dlicensekit.e2e.required=true}, which makes a
 * missing browser fail the build (CI sets it).
 */
public final class Chromium implements ExecutionCondition {

  static final String REQUIRED = "licensekit.e2e.required";
  static final Path BROWSER = Path.of(System.getProperty("licensekit.e2e.chromium", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getProperty("licensekit.e2e.chromedriver", "/usr/bin/chromedriver"));
  static final String INSTALL = "Browser tests need Chromium and its driver at " + BROWSER + " and " + DRIVER
      + ". Install them with: sudo apt-get update && sudo apt-get install -y chromium chromium-driver"
      + " (or point -Dlicensekit.e2e.chromium and -Dlicensekit.e2e.chromedriver at them).";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (available()) {
      return ConditionEvaluationResult.enabled("Chromium found at " + BROWSER);
    }
    if (Boolean.getBoolean(REQUIRED)) {
      throw new IllegalStateException(INSTALL + " They are required here (-D" + REQUIRED + "=true).");
    }
    System.err.println("SKIPPED browser tests: " + INSTALL);
    return ConditionEvaluationResult.disabled("SKIPPED: " + INSTALL);
  }

  static boolean available() {
    return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
  }

  /** A fresh headless browser with its own profile and download directory. */
  static ChromeDriver start(Path profile, Path downloads) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--hide-scrollbars", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1400,1000");
    Map<String, Object> prefs = new HashMap<>();
    prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
    prefs.put("download.prompt_for_download", false);
    options.setExperimentalOption("prefs", prefs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.manage().window().setSize(new Dimension(1400, 1000));
    return driver;
  }
}
