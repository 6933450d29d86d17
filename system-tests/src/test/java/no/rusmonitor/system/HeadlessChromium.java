package no.rusmonitor.system;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's chromium, headless, driven through Debian's chromium-driver (bin/lib.sh's ensure_chromium installs
 * both; CHROMIUM_BINARY and CHROMEDRIVER point elsewhere). Nothing is downloaded at run time. Screenshots
 * go to system-tests/target/screenshots/, kept as test artifacts.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Dimension LAPTOP = new Dimension(1366, 900);
    static final Dimension PHONE = new Dimension(390, 844);

    private final ChromeDriver driver;
    private final Path screenshots;

    HeadlessChromium(Path screenshots) {
        this.screenshots = screenshots;
        File binary = required("CHROMIUM_BINARY", "/usr/bin/chromium");
        File chromedriver = required("CHROMEDRIVER", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions().setBinary(binary)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                        "--window-size=" + LAPTOP.width + "," + LAPTOP.height);
        // The page's console, so that a failing test can say what the page said.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).build(), options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    ChromeDriver driver() {
        return driver;
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /** Saves what the page looks like now as {@code name}.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the page wrote to its console (errors included) since the last call. */
    String console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).collect(Collectors.joining("\n"));
    }

    private static File required(String env, String fallback) {
        String configured = System.getenv(env);
        File file = new File(configured == null || configured.isBlank() ? fallback : configured);
        if (!file.canExecute()) {
            throw new IllegalStateException(file + " is missing: the browser tests need Debian's chromium and chromium-driver "
                    + "(bin/test installs them; or apt-get install chromium chromium-driver)");
        }
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
