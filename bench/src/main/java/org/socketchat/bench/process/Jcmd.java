package org.socketchat.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JDK's jcmd against a JVM the bench started: a full GC, a class histogram, native memory. */
public final class Jcmd {

	private static final Pattern TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");

	private static final Pattern HEAP = Pattern.compile("Java Heap \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

	/** {@code "   1:   12345   678901  java.lang.String (java.base@17)"}: instances, bytes, class. */
	private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)",
			Pattern.MULTILINE);

	private Jcmd() {
	}

	/** Runs a full GC (System.gc) in the target, so heap figures count live objects only. */
	public static void gc(long pid) {
		run(pid, "GC.run");
	}

	/**
	 * Memory the JVM has committed, by its own accounting; needs the target started with
	 * {@code -XX:NativeMemoryTracking=summary}.
	 * @param totalCommittedKiB everything: heap, metaspace, code, thread stacks, GC, other
	 * @param heapCommittedKiB of that, the Java heap
	 */
	public record NativeMemory(long totalCommittedKiB, long heapCommittedKiB) {

		/** What the JVM holds outside the Java heap. */
		public long nonHeapCommittedKiB() {
			return this.totalCommittedKiB - this.heapCommittedKiB;
		}

	}

	/**
	 * JFR with nothing but method samples every 10 ms: the JDK's own "profile" settings
	 * also record allocations, locks and I/O, which slowed the server enough to change
	 * the result.
	 */
	private static final String SAMPLES_ONLY = """
			<?xml version="1.0" encoding="UTF-8"?>
			<configuration version="2.0" label="method samples">
			  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">10 ms</setting></event>
			</configuration>
			""";

	/** Starts a JFR recording of method samples only; its settings file goes into {@code dir}. */
	public static void startRecording(long pid, String name, Path dir) {
		Path settings = dir.resolve("samples-only.jfc");
		try {
			Files.writeString(settings, SAMPLES_ONLY);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		run(pid, "JFR.start", "name=" + name, "settings=" + settings.toAbsolutePath());
	}

	/** Stops the recording, keeping nothing of it. */
	public static void discardRecording(long pid, String name) {
		run(pid, "JFR.stop", "name=" + name);
	}

	/** Stops the recording and writes it to the file. */
	public static void stopRecording(long pid, String name, Path file) {
		run(pid, "JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath());
	}

	/** Bytes of live objects by class, after the full GC that {@code GC.class_histogram} runs. */
	public static Map<String, Long> classHistogram(long pid) {
		return parseClassHistogram(run(pid, "GC.class_histogram"));
	}

	static Map<String, Long> parseClassHistogram(String histogram) {
		Map<String, Long> bytesByClass = new HashMap<>();
		Matcher row = HISTOGRAM_ROW.matcher(histogram);
		while (row.find()) {
			bytesByClass.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
		}
		return bytesByClass;
	}

	public static NativeMemory nativeMemory(long pid) {
		return parseNativeMemory(run(pid, "VM.native_memory", "summary"));
	}

	static NativeMemory parseNativeMemory(String summary) {
		Matcher total = TOTAL.matcher(summary);
		Matcher heap = HEAP.matcher(summary);
		if (!total.find() || !heap.find()) {
			throw new IllegalStateException("no native memory summary (started without -XX:NativeMemoryTracking?): "
					+ summary);
		}
		return new NativeMemory(Long.parseLong(total.group(2)), Long.parseLong(heap.group(2)));
	}

	private static String run(long pid, String... command) {
		String[] line = new String[command.length + 2];
		line[0] = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		line[1] = Long.toString(pid);
		System.arraycopy(command, 0, line, 2, command.length);
		try {
			Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
			String out = new String(jcmd.getInputStream().readAllBytes());
			if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
				jcmd.destroyForcibly();
				throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + out);
			}
			return out;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run jcmd", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
