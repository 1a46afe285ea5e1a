package org.socketchat.bench.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.socketchat.bench.Options;
import org.socketchat.bench.measure.Table;
import org.socketchat.bench.process.AppProcess;
import org.socketchat.bench.process.RabbitMqProcess;
import org.socketchat.bench.process.SqldProcess;
import org.socketchat.bench.process.Target;

/**
 * Issue 12, scale-out: fan-out with the sessions split over several instances that relay to
 * one RabbitMQ and share one sqld, against one instance on the in-memory simple broker (on
 * sqld too, so only the broker differs), at the same rates, in one run. Each configuration
 * gets a fresh sqld; the rates run one after another on the same sessions, as capacity's do.
 * A configuration goes on past a round that only missed the latency bar (so both are seen at
 * the same rates for longer) and stops after the first that lost messages or sessions.
 * The first round warms up longer: its JVMs are cold, and behind the relay there are two
 * of them compiling a longer path on the same two cores.
 */
public final class ClusterFanoutScenario implements Scenario {

	static final String SIMPLE = "simple";

	static final String RELAY = "relay";

	static final String BROKER = "broker";

	static final String SQLD = "sqld";

	/**
	 * One round of one configuration, with the CPU figures the comparison is about.
	 * @param instanceCores each instance's CPU seconds per second, in the order sessions were dealt
	 * @param brokerCores RabbitMQ's ({@code beam.smp}); {@code null} on the simple broker
	 * @param serverMicrosPerDelivery the instances' CPU together per measured delivery
	 * @param withBrokerMicrosPerDelivery the same with the broker's CPU added
	 */
	public record Round(FanoutResult fanout, List<Double> instanceCores, Double brokerCores, Double sqldCores,
			Double serverMicrosPerDelivery, Double withBrokerMicrosPerDelivery) {

		static Round of(FanoutResult r) {
			double window = r.cpuWindowSeconds();
			List<Double> each = (r.instanceCpuSeconds() != null)
					? r.instanceCpuSeconds().stream().map((s) -> s / window).toList() : null;
			Double broker = r.helperCpuSeconds().get(BROKER);
			Double sqld = r.helperCpuSeconds().get(SQLD);
			Double server = (r.serverCpuSeconds() != null && r.delivered() > 0)
					? r.serverCpuSeconds() * 1e6 / r.delivered() : null;
			Double withBroker = (server != null) ? server + ((broker != null) ? broker * 1e6 / r.delivered() : 0) : null;
			return new Round(r, each, (broker != null) ? broker / window : null, (sqld != null) ? sqld / window : null,
					server, withBroker);
		}

	}

	/**
	 * @param config {@value #SIMPLE} or {@value #RELAY}
	 * @param skipped why it did not run, or {@code null}
	 */
	public record Configuration(String config, int instances, ConnectFigures connect, List<Round> rounds,
			String skipped) {

		static Configuration skipped(String config, int instances, String why) {
			return new Configuration(config, instances, null, List.of(), why);
		}

	}

	public record Report(int subscribers, int publishers, double seconds, List<Configuration> configurations)
			implements Result {

		/** The highest rate a configuration passed, or {@code null} if none. */
		static Integer highestPassed(Configuration c) {
			Integer highest = null;
			for (Round round : c.rounds()) {
				if (round.fanout().passed()) {
					highest = round.fanout().rate();
				}
			}
			return highest;
		}

		@Override
		public List<Table> tables() {
			Table table = new Table(String.format(Locale.ROOT,
					"cluster-fanout: %d subscribers, %d publishers, %.0f s per rate; simple broker vs broker relay",
					this.subscribers, this.publishers, this.seconds), "config", "instances", "msg/s asked",
					"delivered/expected", "lost", "dup", "closed", "p50 ms", "p99 ms", "max ms", "send lag ms",
					"stored/sent", "server cores each", "server cores", "broker cores", "sqld cores",
					"server µs/delivery", "+broker µs/delivery", "tool cores", "other cores", "pass");
			for (Configuration c : this.configurations) {
				if (c.skipped() != null) {
					table.row(c.config(), c.instances(), null, null, null, null, null, null, null, null, null, null,
							null, null, null, null, null, null, null, null, null);
					table.note(c.config() + " skipped: " + c.skipped());
					continue;
				}
				for (Round round : c.rounds()) {
					FanoutResult r = round.fanout();
					String each = (round.instanceCores() != null) ? round.instanceCores()
						.stream()
						.map((cores) -> String.format(Locale.ROOT, "%.2f", cores))
						.collect(Collectors.joining(" + ")) : null;
					table.row(c.config(), c.instances(), r.rate(), r.delivered() + "/" + r.expected(), r.lost(),
							r.duplicated(), r.closedSessions(), r.latencyMs().p50(), r.latencyMs().p99(),
							r.latencyMs().max(), r.maxSendLagMs(), r.storedTotal() + "/" + r.sentTotal(), each,
							r.serverCores(), round.brokerCores(), round.sqldCores(), round.serverMicrosPerDelivery(),
							round.withBrokerMicrosPerDelivery(), r.toolCores(), r.otherCores(),
							r.passed() ? "yes" : "NO");
				}
				Integer highest = highestPassed(c);
				table.note(String.format(Locale.ROOT,
						"%s: highest rate passed %s; %d sessions connected in %.2f s, per session p50 %.1f ms, "
								+ "p99 %.1f ms",
						c.config(), (highest != null) ? highest + " msg/s" : "none", c.connect().sessions(),
						c.connect().wallSeconds(), c.connect().p50Ms(), c.connect().p99Ms()));
			}
			table.note(SIMPLE + ": one instance on the in-memory simple broker; " + RELAY + ": subscribers and "
					+ "publishers dealt in turn over the instances, each relaying to one RabbitMQ (one broker "
					+ "connection per client session); both on a fresh sqld of their own");
			table.note("latency: scheduled send to arrival; stored/sent: the round's messages in the backlog, warm-up "
					+ "included; cores: CPU seconds per second from the end of the warm-up until the last arrival; "
					+ "µs/delivery: CPU seconds / measured deliveries; pass: zero loss, p99 < "
					+ (int) FanoutResult.P99_LIMIT_MS + " ms, everything stored");
			return List.of(table);
		}

		/**
		 * A doubled or unstored message or a closed session fails the run, and so does a loss
		 * in a configuration's first (lowest) round. Later rounds find the limit: there a
		 * backlog that outlasts the drain is the expected end, not a fault.
		 */
		@Override
		public String failure() {
			List<String> failures = new ArrayList<>();
			for (Configuration c : this.configurations) {
				for (Round round : c.rounds()) {
					FanoutResult r = round.fanout();
					boolean first = round == c.rounds().get(0);
					if ((first && r.lost() > 0) || r.duplicated() > 0 || r.storedTotal() != r.sentTotal()
							|| r.closedSessions() > 0) {
						failures.add(String.format(Locale.ROOT, "%s at %d msg/s: %d lost, %d doubled, %d/%d stored, "
								+ "%d sessions closed", c.config(), r.rate(), r.lost(), r.duplicated(), r.storedTotal(),
								r.sentTotal(), r.closedSessions()));
					}
				}
			}
			return failures.isEmpty() ? null : String.join("; ", failures);
		}

	}

	private record Plan(int subscribers, int publishers, int readers, List<Integer> rates, double firstWarmup,
			double warmup, double seconds, int size, Duration drain) {
	}

	@Override
	public Report run(Setup setup, Options options) {
		Plan plan = new Plan(options.integer("subscribers", 50), options.integer("publishers", 10),
				options.integer("readers", 2), options.integers("rates", List.of(25, 50, 100, 200, 300, 500)),
				options.decimal("first-warmup", 20), options.decimal("warmup", 3), options.decimal("duration", 10),
				options.integer("size", 100),
				Duration.ofSeconds(options.integer("drain", 10)));
		int instances = options.integer("instances", 2);
		List<String> configs = options.strings("configs", List.of(SIMPLE, RELAY));
		Path scripts = Path.of(options.string("scripts", setup.repo().resolve("scripts").toString()));
		options.rejectUnused();
		if (!setup.startsApp()) {
			throw new IllegalArgumentException(
					"cluster-fanout starts its own sqld, broker and instances: it cannot use --url");
		}

		List<Configuration> results = new ArrayList<>();
		for (String config : configs) {
			int count = switch (config) {
				case SIMPLE -> 1;
				case RELAY -> instances;
				default -> throw new IllegalArgumentException("unknown configuration " + config + " (simple, relay)");
			};
			if (!Files.isExecutable(setup.sqld())) {
				results.add(Configuration.skipped(config, count, "no sqld binary at " + setup.sqld()
						+ " (the app's build places it at target/sqld/sqld; or pass --sqld PATH)"));
				continue;
			}
			String noBroker = RELAY.equals(config) ? RabbitMqProcess.unavailable(scripts) : null;
			if (noBroker != null) {
				results.add(Configuration.skipped(config, count, noBroker));
				continue;
			}
			System.err.printf("  cluster-fanout: %s, %d instance(s) ...%n", config, count);
			results.add(run(setup, plan, config, count, scripts));
		}
		return new Report(plan.subscribers(), plan.publishers(), plan.seconds(), results);
	}

	/** Spring logs the relay's start; without it the instances would each run a broker of their own. */
	private static boolean relays(AppProcess app) {
		try {
			return Files.readString(app.log()).contains("StompBrokerRelayMessageHandler");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Configuration run(Setup setup, Plan plan, String config, int count, Path scripts) {
		Path work = setup.work().resolve("cluster-fanout-" + config);
		boolean relay = RELAY.equals(config);
		try (SqldProcess sqld = SqldProcess.start(setup.sqld(), work.resolve("sqld"));
				RabbitMqProcess broker = relay ? RabbitMqProcess.start(scripts, work.resolve("rabbitmq")) : null) {
			Map<String, String> env = new LinkedHashMap<>(
					Map.of("TURSO_DATABASE_URL", sqld.url().toString(), "TURSO_AUTH_TOKEN", ""));
			Map<String, Long> helpers = new LinkedHashMap<>();
			if (broker != null) {
				env.put("CHAT_BROKER_RELAY_HOST", "127.0.0.1");
				env.put("CHAT_BROKER_RELAY_PORT", Integer.toString(broker.stompPort()));
				helpers.put(BROKER, broker.pid());
			}
			helpers.put(SQLD, sqld.pid());
			List<AppProcess> apps = new ArrayList<>();
			try {
				// One after another: instances started together on a fresh database both run its
				// schema migrations, and the second to reach V3 fails its start.
				for (int i = 0; i < count; i++) {
					apps.add(setup.startApp("cluster-fanout-" + config + "/app" + i, List.of(), env));
				}
				// The app migrates its schema on start: no table in sqld means it is not using sqld at all.
				SqldProcess.Scalar table = sqld.queryLong("SELECT count(*) FROM messages");
				if (table.value() == null) {
					return Configuration.skipped(config, count, "the app did not create its table in sqld ("
							+ table.error() + "): this build ignores TURSO_DATABASE_URL");
				}
				if (relay && !apps.stream().allMatch(ClusterFanoutScenario::relays)) {
					return Configuration.skipped(config, count,
							"the app started no broker relay: this build ignores CHAT_BROKER_RELAY_HOST");
				}
				List<Target> targets = apps.stream().map(AppProcess::target).toList();
				try (Audience audience = Audience.connect(targets, plan.subscribers(), plan.publishers(),
						plan.readers(), relay)) {
					List<Round> rounds = new ArrayList<>();
					for (int rate : plan.rates()) {
						System.err.printf("  cluster-fanout: %s, %d subscribers, %d msg/s ...%n", config,
								plan.subscribers(), rate);
						double warmup = rounds.isEmpty() ? Math.max(plan.firstWarmup(), plan.warmup()) : plan.warmup();
						FanoutResult round = audience.run(
								new Audience.Plan(rate, warmup, plan.seconds(), plan.size(), plan.drain()), helpers);
						rounds.add(Round.of(round));
						if (round.lost() > 0 || round.closedSessions() > 0) {
							break; // a higher rate would only build a longer backlog
						}
					}
					return new Configuration(config, count, audience.connectFigures(), rounds, null);
				}
			}
			finally {
				apps.forEach(AppProcess::close); // before the broker and sqld they use
			}
		}
	}

}
