package org.socketchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a run was on, stored with its figures: numbers from a busy or a different
 * machine are not comparable.
 *
 * @param loadAverage /proc/loadavg when the run started: a busy machine shows here
 * @param revision the app's git revision, as bench/run passes it
 */
record Machine(int cores, long memoryMiB, String cpu, String java, String os, String loadAverage,
		String revision) {

	static Machine current() {
		return new Machine(Runtime.getRuntime().availableProcessors(), memTotalKiB() / 1024, cpuModel(),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
				System.getProperty("os.name") + " " + System.getProperty("os.version"), read("/proc/loadavg").strip(),
				System.getenv().getOrDefault("BENCH_REVISION", "unknown"));
	}

	private static long memTotalKiB() {
		for (String line : read("/proc/meminfo").split("\n")) {
			if (line.startsWith("MemTotal:")) {
				return Long.parseLong(line.replaceAll("\\D", ""));
			}
		}
		return 0;
	}

	private static String cpuModel() {
		for (String line : read("/proc/cpuinfo").split("\n")) {
			if (line.startsWith("model name")) {
				return line.substring(line.indexOf(':') + 1).strip();
			}
		}
		return "unknown";
	}

	private static String read(String file) {
		try {
			return Files.readString(Path.of(file));
		}
		catch (IOException ex) {
			return "";
		}
	}

}
