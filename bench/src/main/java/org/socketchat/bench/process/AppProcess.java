package org.socketchat.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The chat server's fat jar in a process of its own, so /proc figures are the server's
 * alone. It runs in its own directory (no stray {@code .env} is read there), on loopback,
 * with the metrics endpoint exposed by a command-line flag only.
 */
public final class AppProcess implements AutoCloseable {

	private final ProcessBuilder builder;

	private final Process process;

	private final URI http;

	private final long launchedNanos;

	private final Path log;

	private AppProcess(ProcessBuilder builder, URI http, Path log) throws IOException {
		this.builder = builder;
		this.http = http;
		this.log = log;
		this.launchedNanos = System.nanoTime();
		this.process = builder.start();
		StartedProcesses.register(this.process);
	}

	/**
	 * The protocol guard's caps, raised: the bench's thousands of sessions and messages per
	 * second all come from one address. A scenario's own {@code env} may lower them again.
	 */
	static final Map<String, String> UNLIMITED = Map.of("CHAT_LIMITS_SESSIONS", "1000000",
			"CHAT_LIMITS_SESSIONS_PER_ADDRESS", "1000000", "CHAT_LIMITS_MESSAGES_PER_SECOND", "1000000",
			"CHAT_LIMITS_MESSAGE_BURST", "1000000", "CHAT_LIMITS_REST_REQUESTS_PER_SECOND", "1000000");

	/**
	 * Launches the jar and returns at once; {@link #awaitOk} waits for it to serve.
	 * @param dir working directory: holds the SQLite file {@code chat.db} and {@code app.log}
	 * @param env extra environment (e.g. {@code TURSO_DATABASE_URL}); the TURSO variables of
	 * the bench's own environment are never passed on
	 */
	public static AppProcess start(Path jar, Path dir, List<String> jvmArgs, Map<String, String> env,
			List<String> appArgs) {
		return start(Path.of(System.getProperty("java.home"), "bin", "java"), jar, dir, jvmArgs, env, appArgs);
	}

	/** As {@link #start(Path, Path, List, Map, List)}, on the {@code java} binary given. */
	public static AppProcess start(Path java, Path jar, Path dir, List<String> jvmArgs, Map<String, String> env,
			List<String> appArgs) {
		try {
			Files.createDirectories(dir);
			int port = FreePort.pick();
			List<String> command = new ArrayList<>();
			command.add(java.toString());
			command.addAll(jvmArgs);
			command.add("-jar");
			command.add(jar.toAbsolutePath().toString());
			command.add("--server.address=127.0.0.1");
			command.add("--server.port=" + port);
			command.add("--chat.storage.file=" + dir.toAbsolutePath().resolve("chat.db"));
			command.add("--management.endpoints.web.exposure.include=health,info,metrics");
			command.addAll(appArgs);
			Path log = dir.resolve("app.log");
			ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().remove("TURSO_DATABASE_URL");
			builder.environment().remove("TURSO_AUTH_TOKEN");
			builder.environment().putAll(UNLIMITED);
			builder.environment().putAll(env);
			return new AppProcess(builder, URI.create("http://127.0.0.1:" + port), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + jar, ex);
		}
	}

	/**
	 * {@code kill -9}: SIGKILL to this process (by its own handle), and waits until it is
	 * gone. Nothing is flushed or closed; what the database holds is what it had committed.
	 */
	public void kill() {
		StartedProcesses.kill(this.process);
	}

	/**
	 * Starts the same command again (same port, same database and settings) once this
	 * process has ended, appending to the same log; returns at once, like {@link #start}.
	 */
	public AppProcess restart() {
		if (this.process.isAlive()) {
			throw new IllegalStateException("the app (pid " + this.process.pid() + ") is still running");
		}
		try {
			return new AppProcess(this.builder.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile())),
					this.http, this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot restart the app", ex);
		}
	}

	/** Starts the jar and waits until {@code /actuator/health} answers 200. */
	public static AppProcess startHealthy(Path jar, Path dir, List<String> jvmArgs, Map<String, String> env,
			List<String> appArgs) {
		AppProcess app = start(jar, dir, jvmArgs, env, appArgs);
		app.awaitOk("/actuator/health", Duration.ofSeconds(120));
		return app;
	}

	/**
	 * Waits until {@code GET path} answers 200.
	 * @return the time from launch to that answer
	 */
	public Duration awaitOk(String path, Duration timeout) {
		if (!new Http().awaitOk(target().resolve(path), timeout, this.process)) {
			String tail = logTail();
			close();
			throw new IllegalStateException("the app did not serve " + path + " within " + timeout + "; log tail:\n"
					+ tail);
		}
		return Duration.ofNanos(System.nanoTime() - this.launchedNanos);
	}

	/**
	 * Waits for a run that ends by itself (a training run) to exit.
	 * @return its exit status
	 */
	public int awaitExit(Duration timeout) {
		try {
			if (this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				close();
				return this.process.exitValue();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		String tail = logTail();
		close();
		throw new IllegalStateException("the app did not exit within " + timeout + "; log tail:\n" + tail);
	}

	public Target target() {
		return new Target(this.http, this.process.pid());
	}

	public long pid() {
		return this.process.pid();
	}

	public Path log() {
		return this.log;
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	@Override
	public void close() {
		StartedProcesses.stop(this.process);
	}

}
