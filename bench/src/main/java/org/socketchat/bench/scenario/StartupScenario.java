package org.socketchat.bench.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import org.socketchat.bench.Options;
import org.socketchat.bench.measure.ProcStats;
import org.socketchat.bench.measure.Table;
import org.socketchat.bench.process.AppProcess;

/**
 * The app from launch to its first served page ({@code GET /} answering 200), started in
 * several ways ({@link Launch}): the fat jar, the extracted layout, with a CDS archive or a
 * JDK 25 AOT cache from a training run, with Spring AOT or without. Each way runs several
 * times on a fresh database, the ways taken in turn, so a busy spell hits them alike.
 */
public final class StartupScenario implements Scenario {

	static final String MODES = "jar,extracted,cds,extracted+spring-aot,cds+spring-aot,25:jar,25:aot-cache,"
			+ "25:aot-cache+spring-aot";

	/**
	 * One way of starting.
	 * @param jvmArgs the options of each measured start (with {@code --app-jvm-args})
	 * @param seconds launch to first page, each run
	 * @param rssMiB resident memory at that moment, each run
	 * @param cpuSeconds CPU the JVM used until then, each run (more than the wall time: JIT and GC threads)
	 * @param otherCores CPU seconds per second every other process used meanwhile, each run
	 * @param skipped why this way did not run, or {@code null}
	 */
	public record ModeReport(String mode, String java, List<String> jvmArgs, List<Double> seconds, List<Long> rssMiB,
			List<Double> cpuSeconds, List<Double> otherCores, Double medianSeconds, Double minSeconds,
			Double maxSeconds, String skipped) {

		static ModeReport skipped(String mode, String why) {
			return new ModeReport(mode, null, List.of(), List.of(), List.of(), List.of(), List.of(), null, null, null,
					why);
		}

	}

	public record Report(int runs, List<ModeReport> modes) implements Result {

		@Override
		public List<Table> tables() {
			Table table = new Table("startup: launch to first served page, " + this.runs + " runs per mode, in turn",
					"mode", "java", "median s", "min s", "max s", "each run s", "RSS MiB (median)",
					"CPU s (median)", "other cores (max)");
			for (ModeReport mode : this.modes) {
				if (mode.skipped() != null) {
					table.note(mode.mode() + " skipped: " + mode.skipped());
					continue;
				}
				List<String> each = mode.seconds().stream().map((s) -> String.format(Locale.ROOT, "%.2f", s)).toList();
				table.row(mode.mode(), mode.java(), mode.medianSeconds(), mode.minSeconds(), mode.maxSeconds(),
						String.join(" ", each), Math.round(medianOf(mode.rssMiB().stream().map(Long::doubleValue).toList())),
						medianOf(mode.cpuSeconds()), mode.otherCores().stream().mapToDouble(Double::doubleValue).max().orElse(0));
			}
			return List.of(table);
		}

	}

	/** A way of starting, ready to measure: its jar, java and options. */
	private record Prepared(Launch launch, Path java, String javaVersion, Path jar, List<String> jvmArgs) {
	}

	@Override
	public Report run(Setup setup, Options options) {
		int runs = options.integer("runs", 5);
		List<Launch> launches = options.strings("modes", List.of(MODES.split(","))).stream().map(Launch::parse).toList();
		Path jdk25 = Path.of(options.string("jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
		options.rejectUnused();
		Path ownJdk = Path.of(System.getProperty("java.home"));
		Path work = setup.work().resolve("startup");
		Path extracted = null;
		List<Prepared> prepared = new ArrayList<>();
		List<ModeReport> skipped = new ArrayList<>();
		for (Launch launch : launches) {
			Path jdk = launch.jdk25() ? jdk25 : ownJdk;
			Path java = jdk.resolve("bin/java");
			if (!Files.isExecutable(java)) {
				skipped.add(ModeReport.skipped(launch.name(), "no " + java + " (--jdk25 DIR)"));
				continue;
			}
			if (launch.springAot() && !hasSpringAot(setup.jar())) {
				skipped.add(ModeReport.skipped(launch.name(),
						setup.jar() + " was built without Spring AOT (./mvnw -Paot package, as bench/run does)"));
				continue;
			}
			if (launch.extracted() && extracted == null) {
				extracted = extract(java, setup.jar(), work.resolve("extracted"));
			}
			Path jar = launch.extracted() ? extracted : setup.jar();
			Path archive = work.resolve(safe(launch.name()) + (launch.jdk25() ? ".aot" : ".jsa"));
			if (launch.trained()) {
				train(setup, launch, java, jar, archive, work.resolve("training-" + safe(launch.name())));
			}
			List<String> jvmArgs = new ArrayList<>(setup.appJvmArgs());
			jvmArgs.addAll(launch.jvmArgs(archive));
			prepared.add(new Prepared(launch, java, javaVersion(jdk), jar, jvmArgs));
		}
		List<List<double[]>> figures = new ArrayList<>();
		prepared.forEach((p) -> figures.add(new ArrayList<>()));
		for (int run = 0; run < runs; run++) {
			for (int i = 0; i < prepared.size(); i++) {
				Prepared p = prepared.get(i);
				figures.get(i).add(measure(p, work.resolve(safe(p.launch().name()) + "-" + run)));
			}
		}
		List<ModeReport> modes = new ArrayList<>();
		for (int i = 0; i < prepared.size(); i++) {
			modes.add(report(prepared.get(i), figures.get(i)));
		}
		modes.addAll(skipped);
		return new Report(runs, modes);
	}

	/** @return seconds to the first page, RSS MiB and CPU seconds then, other cores meanwhile */
	private static double[] measure(Prepared p, Path dir) {
		Map<Long, ProcStats.Cpu> before = ProcStats.allProcesses();
		AppProcess app = AppProcess.start(p.java(), p.jar(), dir, p.jvmArgs(), Map.of(), List.of());
		try {
			double seconds = app.awaitOk("/", Duration.ofSeconds(60)).toNanos() / 1e9;
			ProcStats.Sample sample = ProcStats.read(app.pid());
			double others = ProcStats.othersBetween(before, ProcStats.allProcesses(),
					Set.of(app.pid(), ProcessHandle.current().pid()));
			return new double[] { seconds, sample.rssKiB() / 1024, sample.cpuSeconds(), others / seconds };
		}
		finally {
			app.close();
		}
	}

	private static ModeReport report(Prepared p, List<double[]> runs) {
		List<Double> seconds = runs.stream().map((r) -> r[0]).toList();
		List<Double> sorted = seconds.stream().sorted().toList();
		return new ModeReport(p.launch().name(), p.javaVersion(), p.jvmArgs(), seconds,
				runs.stream().map((r) -> (long) r[1]).toList(), runs.stream().map((r) -> r[2]).toList(),
				runs.stream().map((r) -> r[3]).toList(), median(sorted), sorted.get(0), sorted.get(sorted.size() - 1),
				null);
	}

	/**
	 * The training run: starts as measured starts will, with the options that write the
	 * archive, and exits once the context has refreshed.
	 */
	private static void train(Setup setup, Launch launch, Path java, Path jar, Path archive, Path dir) {
		List<String> jvmArgs = new ArrayList<>(setup.appJvmArgs());
		jvmArgs.addAll(launch.trainingJvmArgs(archive));
		AppProcess training = AppProcess.start(java, jar, dir, jvmArgs, Map.of(), List.of());
		int status = training.awaitExit(Duration.ofMinutes(3));
		if (status != 0 || !Files.isRegularFile(archive)) {
			throw new IllegalStateException("the training run of " + launch.name() + " exited with " + status
					+ " and wrote no " + archive + "; see " + training.log());
		}
	}

	/** {@code java -Djarmode=tools -jar app.jar extract}: the jar and its libraries side by side. */
	private static Path extract(Path java, Path jar, Path destination) {
		try {
			Files.createDirectories(destination.getParent());
			Process process = new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
					"--destination", destination.toString())
				.redirectErrorStream(true)
				.redirectOutput(destination.resolveSibling("extract.log").toFile())
				.start();
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("extracting " + jar + " took over 2 minutes");
			}
			Path extracted = destination.resolve(jar.getFileName());
			if (process.exitValue() != 0 || !Files.isRegularFile(extracted)) {
				throw new IllegalStateException("extracting " + jar + " failed: see "
						+ destination.resolveSibling("extract.log"));
			}
			return extracted;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Whether {@code process-aot} ran before the jar was packaged (its context initializer is in it). */
	static boolean hasSpringAot(Path jar) {
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			return zip.stream().anyMatch((entry) -> entry.getName().endsWith("__ApplicationContextInitializer.class"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + jar, ex);
		}
	}

	private static String javaVersion(Path jdk) {
		try {
			return Files.readAllLines(jdk.resolve("release"))
				.stream()
				.filter((line) -> line.startsWith("JAVA_VERSION="))
				.map((line) -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
				.findFirst()
				.orElse(jdk.toString());
		}
		catch (IOException ex) {
			return jdk.toString();
		}
	}

	private static String safe(String mode) {
		return mode.replaceAll("[^a-z0-9]+", "-");
	}

	private static double medianOf(List<Double> values) {
		return median(values.stream().sorted().toList());
	}

	static double median(List<Double> sorted) {
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

}
