package org.socketchat.bench.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.socketchat.bench.Options;
import org.socketchat.bench.measure.CpuProfile;
import org.socketchat.bench.measure.Table;
import org.socketchat.bench.process.AppProcess;
import org.socketchat.bench.process.Jcmd;
import org.socketchat.bench.process.Target;

/**
 * Scenarios 1 and 2. Fan-out: S subscribers, P publishers, R messages/s for D seconds after
 * a warm-up. Capacity: the same sessions, R stepped up until a round fails (loss, a
 * duplicate, an unstored message, or p99 at or over 100 ms); reports the highest that passed.
 */
public final class FanoutScenario implements Scenario {

	private final boolean stepRates;

	private FanoutScenario(boolean stepRates) {
		this.stepRates = stepRates;
	}

	public static FanoutScenario fanout() {
		return new FanoutScenario(false);
	}

	public static FanoutScenario capacity() {
		return new FanoutScenario(true);
	}

	/**
	 * @param rounds one per rate tried, in order
	 * @param highestPassingRate capacity: the highest rate that passed, {@code null} if none
	 */
	/**
	 * @param profiles with {@code --profile}: where the server's CPU went in each round, by rate
	 */
	public record Report(String scenario, ConnectFigures connect, List<FanoutResult> rounds,
			Integer highestPassingRate, Map<Integer, CpuProfile> profiles) implements Result {

		@Override
		public List<Table> tables() {
			Table table = new Table(this.scenario + ": " + this.rounds.get(0).subscribers() + " subscribers, "
					+ this.rounds.get(0).publishers() + " publishers, " + this.rounds.get(0).seconds() + " s per rate",
					"msg/s asked", "sent/s", "deliveries/s", "expected", "lost", "dup", "closed", "p50 ms", "p95 ms", "p99 ms",
					"max ms", "send lag ms", "stored/sent", "server cores", "server peak MiB", "tool cores", "other cores",
					"pass");
			for (FanoutResult r : this.rounds) {
				table.row(r.rate(), r.sendRate(), r.deliveryRate(), r.expected(), r.lost(), r.duplicated(), r.closedSessions(),
						r.latencyMs().p50(), r.latencyMs().p95(), r.latencyMs().p99(), r.latencyMs().max(),
						r.maxSendLagMs(), r.storedTotal() + "/" + r.sentTotal(), r.serverCores(), r.serverPeakRssMiB(),
						r.toolCores(), r.otherCores(), r.passed() ? "yes" : "NO");
			}
			table.note(String.format(Locale.ROOT,
					"connect: %d sessions in %.2f s; per session p50 %.1f ms, p99 %.1f ms, max %.1f ms",
					this.connect.sessions(), this.connect.wallSeconds(), this.connect.p50Ms(), this.connect.p99Ms(),
					this.connect.maxMs()));
			table.note("latency: scheduled send to arrival; lost: not arrived " + this.rounds.get(0).drainSeconds()
					+ " s after the last send; closed: sessions the server closed; send lag: how late publishers were "
					+ "at worst; other cores: CPU used by other processes on the machine meanwhile");
			if (this.highestPassingRate != null || "capacity".equals(this.scenario)) {
				table.note("highest rate with zero loss and p99 < 100 ms: "
						+ ((this.highestPassingRate != null) ? this.highestPassingRate + " msg/s" : "none passed"));
			}
			List<Table> tables = new ArrayList<>(List.of(table));
			this.profiles.forEach((rate, profile) -> tables.add(profile.table("server CPU at " + rate + " msg/s")));
			return tables;
		}

	}

	@Override
	public Report run(Setup setup, Options options) {
		int subscribers = options.integer("subscribers", this.stepRates ? 50 : 100);
		int publishers = options.integer("publishers", 10);
		List<Integer> rates = this.stepRates
				? options.integers("rates", List.of(250, 500, 750, 1000, 1500, 2000, 2500, 3000, 4000))
				: List.of(options.integer("rate", 1000));
		double warmup = options.decimal("warmup", this.stepRates ? 3 : 5);
		double seconds = options.decimal("duration", this.stepRates ? 8 : 10);
		int size = options.integer("size", 100);
		Duration drain = Duration.ofSeconds(options.integer("drain", 10));
		int readers = options.integer("readers", 2);
		boolean profile = options.has("profile");
		options.rejectUnused();

		AppProcess app = setup.startsApp() ? setup.startApp(this.stepRates ? "capacity" : "fanout", List.of(), Map.of())
				: null;
		Target target = (app != null) ? app.target() : setup.givenTarget();
		if (profile && target.pid() == null) {
			throw new IllegalArgumentException("--profile records the server with jcmd: give its --pid");
		}
		try (Audience audience = Audience.connect(target, subscribers, publishers, readers)) {
			if (profile) {
				// JFR's first start in a JVM loads and compiles much: not inside a round.
				Jcmd.startRecording(target.pid(), "warm-up", setup.work());
				Jcmd.discardRecording(target.pid(), "warm-up");
			}
			List<FanoutResult> rounds = new ArrayList<>();
			Map<Integer, CpuProfile> profiles = new TreeMap<>();
			Integer highest = null;
			for (int rate : rates) {
				System.err.printf("  %s: %d subscribers, %d msg/s ...%n", this.stepRates ? "capacity" : "fanout",
						subscribers, rate);
				if (profile) {
					Jcmd.startRecording(target.pid(), "round", setup.work());
				}
				FanoutResult round = audience.run(new Audience.Plan(rate, warmup, seconds, size, drain));
				if (profile) {
					Path recording = setup.work().resolve("profile-" + rate + ".jfr");
					Jcmd.stopRecording(target.pid(), "round", recording);
					profiles.put(rate, CpuProfile.read(recording));
				}
				rounds.add(round);
				if (!round.passed()) {
					break; // a higher rate would fail too, and only lengthen the run
				}
				highest = rate;
			}
			return new Report(this.stepRates ? "capacity" : "fanout", audience.connectFigures(), rounds,
					this.stepRates ? highest : null, profiles);
		}
		finally {
			if (app != null) {
				app.close();
			}
		}
	}

}
