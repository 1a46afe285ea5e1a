package org.socketchat.bench.measure;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * CPU time and memory of one process as Linux counts them in /proc: utime+stime from
 * {@code stat}, and VmRSS / VmHWM (peak RSS) from {@code status}.
 */
public final class ProcStats {

	private static final long CLOCK_TICKS_PER_SECOND = clockTicks();

	private ProcStats() {
	}

	/**
	 * One reading.
	 * @param cpuSeconds user + system CPU time since the process started
	 * @param rssKiB resident memory now
	 * @param peakRssKiB highest resident memory since start or the last {@link #resetPeak}
	 */
	public record Sample(double cpuSeconds, long rssKiB, long peakRssKiB) {
	}

	public static Sample read(long pid) {
		try {
			Path proc = Path.of("/proc", Long.toString(pid));
			double cpu = cpuSeconds(Files.readString(proc.resolve("stat")));
			String status = Files.readString(proc.resolve("status"));
			return new Sample(cpu, kib(status, "VmRSS:"), kib(status, "VmHWM:"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read /proc for pid " + pid + " (has it exited?)", ex);
		}
	}

	/**
	 * One process in {@link #allProcesses()}.
	 * @param parent its parent's pid
	 * @param seconds its CPU seconds with those of the children it has reaped
	 * @param reapedSeconds of those, the reaped children's (cutime + cstime)
	 */
	public record Cpu(long parent, double seconds, double reapedSeconds) {
	}

	/**
	 * CPU seconds of every process now running, each with the CPU of the children it has
	 * reaped (so a build's short-lived processes still count, through their parent).
	 * Taken before and after a measurement, it shows how busy other processes kept the
	 * machine meanwhile. (The machine's total in /proc/stat is tick-sampled and, on this
	 * VM, disagreed with the per-process times by up to half a core, so it is not used.)
	 */
	public static Map<Long, Cpu> allProcesses() {
		Map<Long, Cpu> cpu = new HashMap<>();
		try (DirectoryStream<Path> pids = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path dir : pids) {
				try {
					String stat = Files.readString(dir.resolve("stat"));
					cpu.put(Long.valueOf(dir.getFileName().toString()),
							new Cpu(parent(stat), cpuSecondsWithChildren(stat), reapedCpuSeconds(stat)));
				}
				catch (IOException | RuntimeException ex) {
					// exited meanwhile
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot list /proc", ex);
		}
		return cpu;
	}

	/**
	 * CPU seconds used between two {@link #allProcesses()} readings by all but {@code excluded}.
	 * A process that ended meanwhile added its whole life's CPU to its parent's count when it
	 * was reaped: what it had used before the first reading is taken off again (at most what
	 * the parent's reaped count grew by: a parent that ignores SIGCHLD gets nothing added),
	 * so a long-running test JVM that ends in the window does not show as minutes of CPU in it.
	 */
	public static double othersBetween(Map<Long, Cpu> before, Map<Long, Cpu> after, Set<Long> excluded) {
		double seconds = 0;
		Map<Long, Double> reapedGrowth = new HashMap<>();
		for (Map.Entry<Long, Cpu> process : after.entrySet()) {
			if (!excluded.contains(process.getKey())) {
				Cpu earlier = before.get(process.getKey());
				seconds += process.getValue().seconds() - ((earlier != null) ? earlier.seconds() : 0);
				reapedGrowth.put(process.getKey(),
						process.getValue().reapedSeconds() - ((earlier != null) ? earlier.reapedSeconds() : 0));
			}
		}
		for (Map.Entry<Long, Cpu> process : before.entrySet()) {
			Double growth = reapedGrowth.get(process.getValue().parent());
			if (!after.containsKey(process.getKey()) && growth != null) {
				double counted = Math.max(0, Math.min(process.getValue().seconds(), growth));
				reapedGrowth.put(process.getValue().parent(), growth - counted);
				seconds -= counted;
			}
		}
		return seconds;
	}

	/** cutime + cstime: fields 16 and 17. */
	static double reapedCpuSeconds(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / (double) CLOCK_TICKS_PER_SECOND;
	}

	/** The parent's pid: field 4. */
	static long parent(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[1]);
	}

	/** utime + stime + cutime + cstime: fields 14 to 17. */
	static double cpuSecondsWithChildren(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		long ticks = 0;
		for (int field = 14; field <= 17; field++) {
			ticks += Long.parseLong(fields[field - 3]);
		}
		return (double) ticks / CLOCK_TICKS_PER_SECOND;
	}

	public static Sample self() {
		return read(ProcessHandle.current().pid());
	}

	/**
	 * Sets the process's peak RSS back to its current RSS (writing 5 to clear_refs, Linux
	 * 4.0+), so a step of a longer run reports its own peak.
	 * @return whether the kernel allowed it
	 */
	public static boolean resetPeak(long pid) {
		try {
			Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** utime (field 14) + stime (15); the command name (field 2) may hold spaces, so count after its ')'. */
	static double cpuSeconds(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// fields[0] is field 3 (state), so field N is fields[N - 3].
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return (double) ticks / CLOCK_TICKS_PER_SECOND;
	}

	static long kib(String status, String key) {
		for (String line : status.split("\n")) {
			if (line.startsWith(key)) {
				return Long.parseLong(line.substring(key.length()).replace("kB", "").strip());
			}
		}
		return 0; // a kernel thread or a zombie has no memory lines
	}

	/** sysconf(_SC_CLK_TCK) is not reachable from Java; getconf reads it, 100 almost everywhere. */
	private static long clockTicks() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String out = new String(getconf.getInputStream().readAllBytes()).strip();
			if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
				return Long.parseLong(out);
			}
		}
		catch (IOException | NumberFormatException ex) {
			// fall through to Linux's default
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return 100;
	}

}
