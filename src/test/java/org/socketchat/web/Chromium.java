package org.socketchat.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's headless Chromium and its chromedriver, one fresh profile per window, every
 * window closed after each test. Nothing is downloaded: without the two binaries the tests
 * are skipped, except on CI ({@code CI=true}), where that is a failure.
 */
final class Chromium implements BeforeAllCallback, AfterEachCallback {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Log logger = LogFactory.getLog(Chromium.class);

	private static final String BROWSER = System.getProperty("chromium.binary", "/usr/bin/chromium");

	private static final String DRIVER = System.getProperty("chromium.driver", "/usr/bin/chromedriver");

	private final List<Window> windows = new ArrayList<>();

	@Override
	public void beforeAll(ExtensionContext context) {
		if (Files.isExecutable(Path.of(BROWSER)) && Files.isExecutable(Path.of(DRIVER))) {
			return;
		}
		String missing = "Browser tests need Chromium at " + BROWSER + " and chromedriver at " + DRIVER
				+ " (apt-get install chromium chromium-driver)";
		if ("true".equals(System.getenv("CI"))) {
			throw new IllegalStateException(missing + "; on CI they must run, not skip");
		}
		// Surefire does not print why a whole class was aborted; the log does.
		logger.warn(missing + "; skipping " + context.getDisplayName());
		Assumptions.abort(missing + "; skipping them");
	}

	/** A new browser window of its own: own profile, own storage, own connection. */
	ChromeDriver open() {
		Path profile = temporaryDirectory();
		ChromeOptions options = new ChromeOptions().setBinary(BROWSER)
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
					"--window-size=1280,800", "--lang=en-US", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		this.windows.add(new Window(driver, profile));
		return driver;
	}

	/** Closes a window before the test ends, as a person closing the tab. */
	void close(ChromeDriver driver) {
		this.windows.stream().filter((window) -> window.driver == driver).findFirst().ifPresent((window) -> {
			this.windows.remove(window);
			window.close();
		});
	}

	@Override
	public void afterEach(ExtensionContext context) {
		try {
			if (context.getExecutionException().isPresent()) {
				// What each window showed when the test failed, to see why.
				for (int i = 0; i < this.windows.size(); i++) {
					save(this.windows.get(i).driver, "failed/" + context.getRequiredTestMethod().getName() + "-" + i);
				}
			}
		}
		finally {
			this.windows.forEach(Window::close);
			this.windows.clear();
		}
	}

	static void save(ChromeDriver driver, String name) {
		try {
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.createDirectories(file.getParent());
			Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("socket-chat-chromium");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Window(ChromeDriver driver, Path profile) {

		void close() {
			try {
				this.driver.quit();
			}
			finally {
				FileSystemUtils.deleteRecursively(this.profile.toFile());
			}
		}

	}

}
