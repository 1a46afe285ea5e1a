package org.socketchat.bench.process;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every process the bench started, so each is stopped by its own handle (its pid) when
 * the bench is done with it, and by a shutdown hook if the bench fails or is interrupted.
 * Nothing else is ever killed.
 */
final class StartedProcesses {

	private static final List<Process> running = new ArrayList<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(StartedProcesses::stopAll, "bench-stop-processes"));
	}

	private StartedProcesses() {
	}

	static synchronized void register(Process process) {
		running.add(process);
	}

	/** SIGTERM, up to 10 s to exit, then SIGKILL. */
	static void stop(Process process) {
		synchronized (StartedProcesses.class) {
			running.remove(process);
		}
		if (!process.isAlive()) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/** SIGKILL at once, and up to 10 s for the process to be gone. */
	static void kill(Process process) {
		synchronized (StartedProcesses.class) {
			running.remove(process);
		}
		try {
			if (!process.destroyForcibly().waitFor(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("pid " + process.pid() + " still alive 10 s after SIGKILL");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void stopAll() {
		List<Process> left;
		synchronized (StartedProcesses.class) {
			left = new ArrayList<>(running);
		}
		left.forEach(StartedProcesses::stop);
	}

}
