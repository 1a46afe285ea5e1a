package org.socketchat.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core, Deque's accessibility rules engine, run in the page as it is: what it finds
 * wrong, one line per rule broken, naming the elements.
 */
final class Axe {

	private static final String SOURCE = read("/axe.min.js");

	private static final String RUN = """
			const done = arguments[arguments.length - 1];
			axe.run(document, { resultTypes: ['violations'] }).then(
			  (results) => done(results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}: `
			    + v.nodes.map((node) => node.target.join(' ')).join(', '))),
			  (error) => done([`axe failed: ${error}`]));""";

	private Axe() {
	}

	/** Violations in the page as it is now, in light or dark colours. */
	@SuppressWarnings("unchecked")
	static List<String> violations(ChromeDriver driver, boolean dark) {
		driver.executeCdpCommand("Emulation.setEmulatedMedia",
				Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
		driver.executeScript(SOURCE);
		return (List<String>) driver.executeAsyncScript(RUN);
	}

	private static String read(String resource) {
		try (InputStream in = Axe.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is not on the test classpath (com.deque.html.axe-core)");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
