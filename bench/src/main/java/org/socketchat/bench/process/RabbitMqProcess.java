package org.socketchat.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway RabbitMQ node with its STOMP plugin, the broker several app instances relay
 * to. Started and stopped by the repository's own {@code scripts/start-rabbitmq} and
 * {@code scripts/stop-rabbitmq} (loopback listeners, a node name and epmd of its own, the
 * user-queue expiry policy), so the bench measures the broker as a local cluster runs it.
 * Its data and logs stay in the given directory. The node is not the bench's child (the
 * script detaches it): it is stopped through the stop script, by the pid its start wrote,
 * also from a shutdown hook if the bench fails.
 */
public final class RabbitMqProcess implements AutoCloseable {

	/** Where Debian's package puts it, as the scripts expect unless told otherwise. */
	static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");

	private static final long START_TIMEOUT_SECONDS = 120;

	private static final long STOP_TIMEOUT_SECONDS = 60;

	private final Path scripts;

	private final Path dir;

	private final int stompPort;

	private final long pid;

	private final Thread stopOnExit;

	private RabbitMqProcess(Path scripts, Path dir, int stompPort, long pid) {
		this.scripts = scripts;
		this.dir = dir;
		this.stompPort = stompPort;
		this.pid = pid;
		this.stopOnExit = new Thread(this::stop, "bench-stop-rabbitmq");
		Runtime.getRuntime().addShutdownHook(this.stopOnExit);
	}

	/** Why a node cannot be started here, or {@code null} if it can. */
	public static String unavailable(Path scripts) {
		if (!Files.isExecutable(SERVER)) {
			return "rabbitmq-server is not installed (" + SERVER + "; apt-get install rabbitmq-server)";
		}
		if (!Files.isRegularFile(scripts.resolve("start-rabbitmq"))
				|| !Files.isRegularFile(scripts.resolve("stop-rabbitmq"))) {
			return "no " + scripts.resolve("start-rabbitmq") + " / stop-rabbitmq";
		}
		return null;
	}

	/**
	 * Starts a node on a free loopback STOMP port; returns once it accepts STOMP connections.
	 * @param scripts the directory holding {@code start-rabbitmq} and {@code stop-rabbitmq}
	 * @param dir the node's own directory (data, logs, pid file)
	 */
	public static RabbitMqProcess start(Path scripts, Path dir) {
		String why = unavailable(scripts);
		if (why != null) {
			throw new IllegalStateException("cannot start RabbitMQ: " + why);
		}
		int port = FreePort.pick();
		try {
			run(scripts.resolve("start-rabbitmq"), List.of(dir.toString(), Integer.toString(port)), dir,
					START_TIMEOUT_SECONDS);
			return new RabbitMqProcess(scripts, dir, port,
					Long.parseLong(Files.readString(dir.resolve("rabbitmq.pid")).strip()));
		}
		catch (IOException | RuntimeException ex) {
			IllegalStateException failure = new IllegalStateException(
					"RabbitMQ did not start in " + dir + ": " + ex.getMessage(), ex);
			try {
				// A start cut short may still have left a node running: stop whatever it started.
				run(scripts.resolve("stop-rabbitmq"), List.of(dir.toString()), dir, STOP_TIMEOUT_SECONDS);
			}
			catch (RuntimeException stopFailure) {
				failure.addSuppressed(stopFailure);
			}
			throw failure;
		}
	}

	public int stompPort() {
		return this.stompPort;
	}

	/** The node's OS process ({@code beam.smp}), for its CPU. */
	public long pid() {
		return this.pid;
	}

	@Override
	public void close() {
		try {
			Runtime.getRuntime().removeShutdownHook(this.stopOnExit);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down: the hook stops it
			return;
		}
		stop();
	}

	private void stop() {
		run(this.scripts.resolve("stop-rabbitmq"), List.of(this.dir.toString()), this.dir, STOP_TIMEOUT_SECONDS);
	}

	/** Runs a script to its end, within a time limit; its output goes to a log beside the node's. */
	private static void run(Path script, List<String> args, Path dir, long timeoutSeconds) {
		List<String> command = new ArrayList<>(List.of("bash", script.toAbsolutePath().toString()));
		command.addAll(args);
		try {
			Files.createDirectories(dir);
			Path log = dir.resolve(script.getFileName() + ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(script.getFileName() + " did not finish within " + timeoutSeconds
						+ " s; see " + log);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(script.getFileName() + " failed (exit " + process.exitValue()
						+ "): " + String.join(" | ", tail(log)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run " + script, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return lines.subList(Math.max(0, lines.size() - 5), lines.size());
		}
		catch (IOException ex) {
			return List.of("(no log: " + ex.getMessage() + ")");
		}
	}

}
