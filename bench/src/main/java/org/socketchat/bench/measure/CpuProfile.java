package org.socketchat.bench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM spent its CPU, from the execution samples of a JFR recording: by thread
 * (numbers in names folded, so a pool is one line), by method on top of the stack (self),
 * and by method anywhere on the stack (inclusive). JFR samples threads running Java code,
 * not time in the kernel: a socket write's system call shows in the process's CPU time,
 * not here.
 *
 * @param samples execution samples in all
 * @param threads share of the samples per thread (pool)
 * @param self share per method at the top of the stack
 * @param inclusive share per method anywhere on the stack, the threads' own run loops left out
 */
public record CpuProfile(int samples, List<Share> threads, List<Share> self, List<Share> inclusive) {

	/** How many of each list are kept. */
	static final int TOP = 15;

	/** Frames every pooled thread has at its bottom: they say nothing about the work. */
	private static final Predicate<String> RUN_LOOP = (method) -> method.startsWith("java.lang.Thread.")
			|| method.startsWith("java.util.concurrent.ThreadPoolExecutor")
			|| method.startsWith("java.util.concurrent.Executors$RunnableAdapter")
			|| method.startsWith("org.apache.tomcat.util.threads.");

	public record Share(String name, double percent) {
	}

	public static CpuProfile read(Path recording) {
		Map<String, Integer> threads = new HashMap<>();
		Map<String, Integer> self = new HashMap<>();
		Map<String, Integer> inclusive = new HashMap<>();
		int samples = 0;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
					continue;
				}
				samples++;
				threads.merge(pool(event.getThread("sampledThread").getJavaName()), 1, Integer::sum);
				List<RecordedFrame> frames = event.getStackTrace().getFrames();
				if (!frames.isEmpty()) {
					self.merge(method(frames.get(0)), 1, Integer::sum);
				}
				Set<String> onStack = new HashSet<>();
				frames.forEach((frame) -> onStack.add(method(frame)));
				onStack.removeIf(RUN_LOOP);
				onStack.forEach((method) -> inclusive.merge(method, 1, Integer::sum));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new CpuProfile(samples, top(threads, samples), top(self, samples), top(inclusive, samples));
	}

	public Table table(String title) {
		Table table = new Table(title + " (" + this.samples + " JFR execution samples)", "threads", "%",
				"self: method on top", "%", "inclusive: method on the stack", "%");
		for (int i = 0; i < TOP; i++) {
			table.row(name(this.threads, i), percent(this.threads, i), name(this.self, i), percent(this.self, i),
					name(this.inclusive, i), percent(this.inclusive, i));
		}
		table.note("JFR samples Java code only: time in the kernel (socket writes) is not in them");
		return table;
	}

	/** {@code clientInboundChannel-12} and {@code clientInboundChannel-3} are one pool. */
	static String pool(String thread) {
		return (thread != null) ? thread.replaceAll("\\d+", "#") : "?";
	}

	private static String method(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	private static List<Share> top(Map<String, Integer> counts, int samples) {
		List<Share> shares = new ArrayList<>();
		counts.forEach((name, count) -> shares.add(new Share(name, 100.0 * count / Math.max(1, samples))));
		shares.sort(Comparator.comparingDouble(Share::percent).reversed().thenComparing(Share::name));
		return List.copyOf(shares.subList(0, Math.min(TOP, shares.size())));
	}

	private static String name(List<Share> shares, int i) {
		return (i < shares.size()) ? shares.get(i).name() : "";
	}

	private static String percent(List<Share> shares, int i) {
		return (i < shares.size()) ? String.format(Locale.ROOT, "%.1f", shares.get(i).percent()) : "";
	}

}
