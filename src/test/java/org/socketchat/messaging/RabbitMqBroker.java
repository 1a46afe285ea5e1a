package org.socketchat.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.socketchat.LoopbackPorts;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.fail;

/**
 * A real RabbitMQ node with its STOMP plugin, private to the test: started and stopped by
 * the same scripts the local cluster uses, so their rules (the user-queue expiry policy,
 * loopback-only listeners) are the ones proven here.
 */
final class RabbitMqBroker implements ClusterIntegrationTests.StompBroker {

	private static final Path SCRIPTS = Path.of("scripts");

	private final Path directory;

	private final int port;

	private RabbitMqBroker(Path directory, int port) {
		this.directory = directory;
		this.port = port;
	}

	/** Starts one, or skips the calling tests when RabbitMQ is not installed, except in CI. */
	static RabbitMqBroker start() {
		if (!Files.isExecutable(Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server"))) {
			String why = "rabbitmq-server is not installed (apt-get install rabbitmq-server)";
			if ("true".equals(System.getenv("CI"))) {
				fail(why);
			}
			Assumptions.abort(why);
		}
		try {
			RabbitMqBroker broker = new RabbitMqBroker(Files.createTempDirectory("rabbitmq"), LoopbackPorts.free());
			broker.restart();
			return broker;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public void restart() {
		run("start-rabbitmq", this.directory.toString(), String.valueOf(this.port));
	}

	@Override
	public void stop() {
		run("stop-rabbitmq", this.directory.toString());
	}

	@Override
	public void close() {
		stop();
		try {
			FileSystemUtils.deleteRecursively(this.directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void run(String script, String... arguments) {
		String[] command = new String[arguments.length + 2];
		command[0] = "bash";
		command[1] = SCRIPTS.resolve(script).toString();
		System.arraycopy(arguments, 0, command, 2, arguments.length);
		try {
			Process process = new ProcessBuilder(command).inheritIO().start();
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				fail(script + " did not finish within 90 s");
			}
			if (process.exitValue() != 0) {
				fail(script + " failed with exit code " + process.exitValue());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
