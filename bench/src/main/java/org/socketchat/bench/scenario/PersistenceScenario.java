package org.socketchat.bench.scenario;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.socketchat.bench.Options;
import org.socketchat.bench.measure.Table;
import org.socketchat.bench.process.AppProcess;
import org.socketchat.bench.process.DelayProxy;
import org.socketchat.bench.process.SqldProcess;

/**
 * Scenario 3: how many messages per second are stored and acknowledged with many
 * concurrent senders, on the embedded SQLite file, on a local sqld, and on sqld behind a
 * delaying proxy (a Turso database in another region).
 */
public final class PersistenceScenario implements Scenario {

	static final String EMBEDDED = "embedded";

	static final String SQLD = "sqld";

	static final String SQLD_RTT = "sqld-rtt";

	public record Report(int rttMs, List<PersistenceResult> backends) implements Result {

		@Override
		public List<Table> tables() {
			Table table = new Table("persistence: stored and acknowledged messages/s", "backend", "senders",
					"window", "sent", "acked", "errors", "unacked", "acked msg/s", "ack p50 ms", "ack p99 ms",
					"ack max ms", "stored (backlog)", "stored (sqld)", "server cores", "server peak MiB", "sqld CPU s",
					"tool cores", "other cores");
			for (PersistenceResult r : this.backends) {
				if (r.skipped() != null) {
					table.row(r.backend(), null, null, null, null, null, null, null, null, null, null, null, null, null,
							null, null, null, null);
					table.note(r.backend() + " skipped: " + r.skipped());
					continue;
				}
				table.row(r.backend(), r.senders(), r.window(), r.sent(), r.acked(), r.errors(), r.unacked(),
						r.ackedPerSecond(), r.ackLatencyMs().p50(), r.ackLatencyMs().p99(), r.ackLatencyMs().max(),
						r.storedBacklog(), r.storedInSqld(), r.serverCores(), r.serverPeakRssMiB(), r.sqldCpuSeconds(),
						r.toolCores(), r.otherCores());
			}
			table.note("each sender keeps at most 'window' messages unacknowledged; its ack is its own broadcast "
					+ "copy, seen by one observer session (so the figure is storage + one broadcast, not fan-out)");
			table.note(SQLD_RTT + ": sqld behind a proxy adding " + this.rttMs / 2 + " ms each way (" + this.rttMs
					+ " ms round trip)");
			return List.of(table);
		}

	}

	@Override
	public Report run(Setup setup, Options options) {
		List<String> backends = options.strings("backends", List.of(EMBEDDED, SQLD, SQLD_RTT));
		int rttMs = options.integer("rtt-ms", 20);
		SendLoad.Plan plan = new SendLoad.Plan(options.integer("senders", 50), options.integer("window", 8),
				options.integer("messages", 400_000), options.decimal("duration", 20), options.integer("size", 100),
				Duration.ofSeconds(options.integer("drain", 15)));
		options.rejectUnused();

		List<PersistenceResult> results = new ArrayList<>();
		if (!setup.startsApp()) {
			results.add(SendLoad.run(setup.givenTarget(), "given", plan, null));
			return new Report(rttMs, results);
		}
		for (String backend : backends) {
			System.err.printf("  persistence on %s ...%n", backend);
			results.add(switch (backend) {
				case EMBEDDED -> onEmbedded(setup, plan);
				case SQLD -> onSqld(setup, plan, SQLD, 0);
				case SQLD_RTT -> onSqld(setup, plan, SQLD_RTT, rttMs);
				default -> throw new IllegalArgumentException("unknown backend " + backend);
			});
		}
		return new Report(rttMs, results);
	}

	private static PersistenceResult onEmbedded(Setup setup, SendLoad.Plan plan) {
		try (AppProcess app = setup.startApp("persistence-embedded", List.of(), Map.of())) {
			return SendLoad.run(app.target(), EMBEDDED, plan, null);
		}
	}

	private static PersistenceResult onSqld(Setup setup, SendLoad.Plan plan, String backend, int rttMs) {
		if (!Files.isExecutable(setup.sqld())) {
			return PersistenceResult.skipped(backend, "no sqld binary at " + setup.sqld()
					+ " (the app's build places it at target/sqld/sqld; or pass --sqld PATH)");
		}
		try (SqldProcess sqld = SqldProcess.start(setup.sqld(), setup.work().resolve("persistence-" + backend));
				DelayProxy proxy = (rttMs > 0) ? new DelayProxy(new InetSocketAddress("127.0.0.1", sqld.port()),
						Duration.ofMillis(rttMs / 2)) : null) {
			String url = (proxy != null) ? "http://127.0.0.1:" + proxy.port() : sqld.url().toString();
			try (AppProcess app = setup.startApp("persistence-" + backend + "-app", List.of(),
					Map.of("TURSO_DATABASE_URL", url, "TURSO_AUTH_TOKEN", ""))) {
				// The app migrates its schema on start: no table in sqld means it is not using sqld at all.
				SqldProcess.Scalar tables = sqld.queryLong("SELECT count(*) FROM messages");
				if (tables.value() == null) {
					return PersistenceResult.skipped(backend,
							"the app did not create its table in sqld (" + tables.error()
									+ "): this build of the app ignores TURSO_DATABASE_URL (no libSQL backend yet)");
				}
				return SendLoad.run(app.target(), backend, plan, sqld);
			}
		}
	}

}
