package org.socketchat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The fat jar, built by {@code package}, started as a user starts it, on a free loopback
 * port, in a working directory of the test's that also holds its output. The TURSO
 * variables of the test's own environment are not passed on: only the test configures it.
 */
public final class RunningJar implements AutoCloseable {

	static final Path JAR = Path.of(System.getProperty("app.jar", "target/socket-chat.jar")).toAbsolutePath();

	private final Process process;

	private final int port;

	private final Path directory;

	private final HttpClient http = HttpClient.newHttpClient();

	private RunningJar(Process process, int port, Path directory) {
		this.process = process;
		this.port = port;
		this.directory = directory;
	}

	/** Starts the jar with these arguments and waits until its health answers 200. */
	public static RunningJar start(Path directory, String... arguments) {
		RunningJar jar = launch(directory, arguments);
		jar.awaitHealthy();
		return jar;
	}

	/** Starts the jar with these arguments and returns at once, for a start expected to fail. */
	public static RunningJar launch(Path directory, String... arguments) {
		assertThat(JAR).as("the fat jar, built by package").exists();
		try {
			int port = LoopbackPorts.free();
			List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
				.toString(), "-jar", JAR.toString(), "--server.address=127.0.0.1", "--server.port=" + port));
			command.addAll(List.of(arguments));
			ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("app.log").toFile());
			builder.environment().remove("TURSO_DATABASE_URL");
			builder.environment().remove("TURSO_AUTH_TOKEN");
			return new RunningJar(builder.start(), port, directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	public Process process() {
		return this.process;
	}

	/** Everything the process wrote to stdout and stderr so far. */
	public String output() {
		try {
			return Files.readString(this.directory.resolve("app.log"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	public void awaitHealthy() {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline && this.process.isAlive()) {
			try {
				if (get("/actuator/health").statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			pause();
		}
		fail("the jar did not become healthy within 60 s:\n" + output());
	}

	private static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}


	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}
