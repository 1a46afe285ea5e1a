package org.socketchat.storage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The fat jar as a user runs it: configured by a {@code .env} file in its working
 * directory, against a real sqld. Runs after {@code package}, under failsafe.
 */
class DotenvStartupIT {

	static final Path JAR = Path.of(System.getProperty("app.jar", "target/socket-chat.jar")).toAbsolutePath();

	static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static final SqldPerClass sqld = new SqldPerClass();

	final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path workingDirectory;

	@Test
	void theJarChatsOnTheDatabaseNamedInDotEnv() throws Exception {
		writeDotEnv(sqld.server().url(), sqld.token);
		int port = SqldServer.freePort();
		Process app = startJar(port);
		try {
			awaitHealthy(app, port);
			sqld.server()
				.query("INSERT INTO messages (username, content, created_at) VALUES ('carol', 'from .env', 0)", sqld.token);

			assertThat(get(port, "/api/messages")).contains("\"content\":\"from .env\"");
			assertThat(get(port, "/actuator/health")).contains("\"db\":{\"status\":\"UP\"}");
			assertThat(this.workingDirectory.resolve("data")).as("no embedded file was made").doesNotExist();
		}
		finally {
			app.destroy();
			app.waitFor(20, TimeUnit.SECONDS);
		}
		assertThat(output()).doesNotContain(sqld.token);
	}

	@Test
	void aRefusedTokenInDotEnvStopsTheJarWithOneClearLine() throws Exception {
		String foreign = new Ed25519Tokens().readWriteToken(Instant.now().plus(Duration.ofHours(1)));
		writeDotEnv(sqld.server().url(), foreign);
		Process app = startJar(SqldServer.freePort());

		assertThat(app.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the jar exits").isTrue();
		assertThat(app.exitValue()).isNotZero();
		String output = output();
		assertThat(output).contains("The libSQL server at " + sqld.server().url() + " refused TURSO_AUTH_TOKEN")
			.doesNotContain(foreign);
	}

	private void writeDotEnv(String url, String authToken) throws IOException {
		Files.writeString(this.workingDirectory.resolve(".env"),
				"TURSO_DATABASE_URL=" + url + "\nTURSO_AUTH_TOKEN=" + authToken + "\n");
	}

	private Process startJar(int port) throws IOException {
		assertThat(JAR).as("the fat jar, built by package").exists();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString(), "--server.address=127.0.0.1",
				"--server.port=" + port)
			.directory(this.workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.workingDirectory.resolve("app.log").toFile());
		// Only the .env file may configure the database here.
		builder.environment().remove("TURSO_DATABASE_URL");
		builder.environment().remove("TURSO_AUTH_TOKEN");
		return builder.start();
	}

	private void awaitHealthy(Process app, int port) throws Exception {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline && app.isAlive()) {
			try {
				if (get(port, "/actuator/health").contains("\"status\":\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		fail("the jar did not become healthy within " + START_TIMEOUT + ":\n" + output());
	}

	private String get(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

	private String output() throws IOException {
		return Files.readString(this.workingDirectory.resolve("app.log"));
	}

}
