package org.socketchat.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.socketchat.bench.Options;
import org.socketchat.bench.measure.ProcStats;
import org.socketchat.bench.measure.Table;
import org.socketchat.bench.process.AppProcess;

/**
 * The fat jar from {@code java -jar} to its first served page ({@code GET /} answering
 * 200), several times on a fresh database each, median reported.
 */
public final class StartupScenario implements Scenario {

	/**
	 * @param seconds launch to first page, each run
	 * @param rssMiB resident memory at that moment, each run
	 * @param cpuSeconds CPU the JVM used until then, each run (more than the wall time: JIT and GC threads)
	 */
	public record Report(int runs, List<Double> seconds, List<Long> rssMiB, List<Double> cpuSeconds,
			double medianSeconds, double minSeconds, double maxSeconds) implements Result {

		@Override
		public List<Table> tables() {
			Table table = new Table("startup: fat jar to first served page, " + this.runs + " runs", "run",
					"seconds to GET / 200", "RSS MiB then", "CPU s then");
			for (int i = 0; i < this.runs; i++) {
				table.row(i + 1, this.seconds.get(i), this.rssMiB.get(i), this.cpuSeconds.get(i));
			}
			table.note(String.format(Locale.ROOT, "median %.2f s (min %.2f, max %.2f)", this.medianSeconds,
					this.minSeconds, this.maxSeconds));
			return List.of(table);
		}

	}

	@Override
	public Report run(Setup setup, Options options) {
		int runs = options.integer("runs", 5);
		options.rejectUnused();
		List<Double> seconds = new ArrayList<>();
		List<Long> rss = new ArrayList<>();
		List<Double> cpu = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			AppProcess app = AppProcess.start(setup.jar(), setup.work().resolve("startup-" + i), setup.appJvmArgs(),
					Map.of(), List.of());
			try {
				Duration firstPage = app.awaitOk("/", Duration.ofSeconds(60));
				ProcStats.Sample sample = ProcStats.read(app.pid());
				seconds.add(firstPage.toNanos() / 1e9);
				rss.add(sample.rssKiB() / 1024);
				cpu.add(sample.cpuSeconds());
			}
			finally {
				app.close();
			}
		}
		List<Double> sorted = seconds.stream().sorted().toList();
		return new Report(runs, seconds, rss, cpu, median(sorted), sorted.get(0), sorted.get(sorted.size() - 1));
	}

	static double median(List<Double> sorted) {
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

}
