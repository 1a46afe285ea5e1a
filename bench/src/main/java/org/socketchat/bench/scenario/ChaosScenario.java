package org.socketchat.bench.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.socketchat.bench.Options;
import org.socketchat.bench.measure.Table;
import org.socketchat.bench.process.AppProcess;
import org.socketchat.bench.process.SqldProcess;

/**
 * Scenario 7: clients join, leave and reconnect at random while sending with clientIds;
 * midway the app is killed with SIGKILL and restarted once on the same database and port.
 * Then every acknowledged send must be stored exactly once, and every client's view, caught
 * up through the backlog, must equal the database's rows (read from the database itself).
 */
public final class ChaosScenario implements Scenario {

	private static final String ROWS = "SELECT id, username, client_id, content FROM messages ORDER BY id";

	/**
	 * @param rate each client's mean messages per second while connected
	 * @param sessionSeconds mean time a client stays before leaving
	 * @param size most random characters in a message, after its author and number
	 * @param killAt when the app is killed, as a fraction of {@code seconds}
	 * @param settleSeconds after {@code seconds}, how long clients may take to get every send acknowledged
	 */
	record Plan(int clients, double seconds, double rate, double sessionSeconds, int size, long seed, double killAt,
			double settleSeconds) {
	}

	public record Report(Plan plan, List<ChaosResult> backends) implements Result {

		@Override
		public List<Table> tables() {
			Table table = new Table("chaos: " + this.plan.clients() + " clients for " + this.plan.seconds()
					+ " s, app killed (-9) at " + this.plan.seconds() * this.plan.killAt() + " s and restarted, seed "
					+ this.plan.seed(), "backend", "messages", "frames", "retried", "acked", "unacked", "stored", "lost",
					"duplicated", "views = db", "reconnects", "leaves", "dropped", "errors", "app back s",
					"first ack s", "pass");
			for (ChaosResult r : this.backends) {
				if (r.skipped() != null) {
					table.row(r.backend(), null, null, null, null, null, null, null, null, null, null, null, null, null,
							null, null, null);
					table.note(r.backend() + " skipped: " + r.skipped());
					continue;
				}
				table.row(r.backend(), r.messages(), r.frames(), r.retried(), r.acknowledged(), r.unacknowledged(),
						r.stored(), r.lost(), r.duplicated(), (r.clients() - r.viewsDiffering()) + "/" + r.clients(),
						r.reconnects(), r.leaves(), r.dropped(),
						r.errors().entrySet().stream().map((e) -> e.getKey() + " " + e.getValue())
							.collect(Collectors.joining(", ")),
						r.appBackSeconds(), r.firstAckSeconds(), r.passed() ? "yes" : "NO");
				r.problems().forEach((problem) -> table.note(r.backend() + ": " + problem));
			}
			table.note("acked = the sender saw its own broadcast or retry reply; lost = acked but not stored "
					+ "under that id; views = db: clients whose view, caught up through the backlog, equals the "
					+ "database's rows; app back / first ack: from the SIGKILL to the restarted app's health check, "
					+ "and to the first acknowledgement after it");
			return List.of(table);
		}

		@Override
		public String failure() {
			List<String> failures = this.backends.stream().map(ChaosResult::failure).filter((f) -> f != null).toList();
			return failures.isEmpty() ? null : String.join("; ", failures);
		}

	}

	@Override
	public Report run(Setup setup, Options options) {
		List<String> backends = options.strings("backends", List.of(PersistenceScenario.EMBEDDED,
				PersistenceScenario.SQLD));
		Plan plan = new Plan(options.integer("clients", 40), options.decimal("duration", 60),
				options.decimal("rate", 2), options.decimal("session", 8), options.integer("size", 60),
				options.integer("seed", 1), options.decimal("kill-at", 0.5), options.decimal("settle", 30));
		options.rejectUnused();
		if (!setup.startsApp()) {
			throw new IllegalArgumentException("chaos kills and restarts the app it started: it cannot use --url");
		}
		List<ChaosResult> results = new ArrayList<>();
		for (String backend : backends) {
			System.err.printf("  chaos on %s ...%n", backend);
			results.add(switch (backend) {
				case PersistenceScenario.EMBEDDED -> onEmbedded(setup, plan);
				case PersistenceScenario.SQLD -> onSqld(setup, plan);
				default -> throw new IllegalArgumentException("unknown backend " + backend + " (embedded, sqld)");
			});
		}
		return new Report(plan, results);
	}

	private static ChaosResult onEmbedded(Setup setup, Plan plan) {
		String name = "chaos-embedded";
		Path file = setup.work().resolve(name).resolve("chat.db");
		return new ChaosRun(plan, setup.startApp(name, List.of(), Map.of())).run(PersistenceScenario.EMBEDDED,
				() -> sqliteRows(file));
	}

	private static ChaosResult onSqld(Setup setup, Plan plan) {
		if (!Files.isExecutable(setup.sqld())) {
			return ChaosResult.skipped(PersistenceScenario.SQLD, "no sqld binary at " + setup.sqld()
					+ " (the app's build places it at target/sqld/sqld; or pass --sqld PATH)");
		}
		try (SqldProcess sqld = SqldProcess.start(setup.sqld(), setup.work().resolve("chaos-sqld"))) {
			AppProcess app = setup.startApp("chaos-sqld-app", List.of(),
					Map.of("TURSO_DATABASE_URL", sqld.url().toString(), "TURSO_AUTH_TOKEN", ""));
			return new ChaosRun(plan, app).run(PersistenceScenario.SQLD, () -> sqldRows(sqld));
		}
	}

	/** The rows as the SQLite file holds them, read with sqlite-jdbc once the app has stopped. */
	static List<StoredMessage> sqliteRows(Path file) {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(ROWS)) {
			List<StoredMessage> messages = new ArrayList<>();
			while (rows.next()) {
				messages.add(new StoredMessage(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4)));
			}
			return messages;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

	/** The rows as sqld holds them, through its own HTTP API. */
	private static List<StoredMessage> sqldRows(SqldProcess sqld) {
		SqldProcess.Rows result = sqld.query(ROWS);
		if (result.rows() == null) {
			throw new IllegalStateException("cannot read the messages from sqld: " + result.error());
		}
		return result.rows().stream()
			.map((row) -> new StoredMessage(Long.parseLong(row.get(0)), row.get(1), row.get(2), row.get(3)))
			.toList();
	}

}
