package org.socketchat.bench.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.socketchat.bench.Options;
import org.socketchat.bench.measure.LatencyHistogram;
import org.socketchat.bench.measure.LatencyHistogram.Percentiles;
import org.socketchat.bench.measure.ProcStats;
import org.socketchat.bench.measure.Table;
import org.socketchat.bench.process.AppProcess;
import org.socketchat.bench.process.Http;
import org.socketchat.bench.process.Target;

/**
 * Scenario 4: {@code GET /api/messages?since=X&limit=500} for random X over a million
 * stored messages, one request at a time (the latency of one page, not a throughput test).
 * With {@code --rooms N} the messages are dealt over N rooms and each request reads a
 * random room's page ({@code /api/rooms/room-K/messages}); {@code --direction before}
 * scrolls back ({@code before=X}) instead of catching up.
 */
public final class HistoryScenario implements Scenario {

	/**
	 * @param rows messages stored
	 * @param seedSeconds time to write them (not a server figure)
	 * @param latencyMs one request, sent to answered in full
	 * @param dbMiB the SQLite file's size
	 */
	public record Report(long rows, int rooms, String direction, Double seedSeconds, Double dbMiB, int requests,
			int limit, Percentiles latencyMs,
			double meanMs, double requestsPerSecond, long bytesPerPage, Double serverCpuSeconds, Long serverPeakRssMiB,
			int badPages) implements Result {

		@Override
		public List<Table> tables() {
			String path = (this.rooms == 1) ? "/api/messages" : "/api/rooms/room-K/messages";
			Table table = new Table("history: GET " + path + "?" + this.direction + "=X&limit=" + this.limit + " over "
					+ String.format(Locale.ROOT, "%,d", this.rows) + " rows in " + this.rooms + " room(s)", "requests",
					"p50 ms", "p95 ms",
					"p99 ms", "max ms", "mean ms", "req/s", "bytes/page", "server CPU s", "server peak MiB",
					"bad pages");
			table.row(this.requests, this.latencyMs.p50(), this.latencyMs.p95(), this.latencyMs.p99(),
					this.latencyMs.max(), this.meanMs, this.requestsPerSecond, this.bytesPerPage, this.serverCpuSeconds,
					this.serverPeakRssMiB, this.badPages);
			if (this.seedSeconds != null) {
				table.note(String.format(Locale.ROOT, "seeded %,d rows in %.1f s; database file %.0f MiB", this.rows,
						this.seedSeconds, this.dbMiB));
			}
			table.note("one client, sequential requests, random room and " + this.direction
					+ " (fixed seed); a bad page is a non-200 "
					+ "or a page with fewer than limit messages");
			return List.of(table);
		}

	}

	@Override
	public Report run(Setup setup, Options options) {
		int rows = options.integer("rows", 1_000_000);
		int requests = options.integer("requests", 2_000);
		int warmup = options.integer("warmup-requests", 300);
		int limit = options.integer("limit", 500);
		int rooms = options.integer("rooms", 1);
		String direction = options.string("direction", "since");
		if (!direction.equals("since") && !direction.equals("before")) {
			throw new IllegalArgumentException("--direction is since or before, not " + direction);
		}
		options.rejectUnused();

		AppProcess app = null;
		Double seedSeconds = null;
		Double dbMiB = null;
		long stored = rows;
		Target target;
		if (setup.startsApp()) {
			Path dir = setup.work().resolve("history");
			Path db = dir.resolve("chat.db");
			System.err.printf("  seeding %,d rows ...%n", rows);
			seedSeconds = HistorySeeder.seed(db, setup.migrations(), rows, rooms);
			dbMiB = size(db) / 1048576.0;
			app = AppProcess.startHealthy(setup.jar(), dir, setup.appJvmArgs(), Map.of(), List.of());
			target = app.target();
		}
		else {
			target = setup.givenTarget();
			stored = new Backlog(target).lastId(); // ids only grow: roughly the rows there
		}
		try {
			Http http = new Http();
			Random random = new Random(42);
			// Every room has a full page after any since, and before any before, in these bounds.
			long span = (long) limit * rooms;
			long range = Math.max(1, stored - span + 1);
			long lowest = (direction.equals("since")) ? 0 : span + 1;
			for (int i = 0; i < warmup; i++) {
				http.get(target.resolve(page(random, rooms, direction, lowest + random.nextLong(range), limit)));
			}
			Long pid = target.pid();
			ProcStats.Sample before = (pid != null) ? ProcStats.read(pid) : null;
			LatencyHistogram micros = new LatencyHistogram();
			long bytes = 0;
			int bad = 0;
			long start = System.nanoTime();
			for (int i = 0; i < requests; i++) {
				String uri = page(random, rooms, direction, lowest + random.nextLong(range), limit);
				long sent = System.nanoTime();
				Http.Response page = http.get(target.resolve(uri));
				micros.record((System.nanoTime() - sent) / 1_000);
				bytes += page.body().length();
				if (!page.ok() || count(page.body(), "\"id\":") != limit) {
					bad++;
				}
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			ProcStats.Sample after = (pid != null) ? ProcStats.read(pid) : null;
			return new Report(stored, rooms, direction, seedSeconds, dbMiB, requests, limit, micros.percentiles(1000.0),
					micros.mean() / 1000.0, requests / seconds, bytes / Math.max(1, requests),
					(pid != null) ? after.cpuSeconds() - before.cpuSeconds() : null,
					(pid != null) ? after.peakRssKiB() / 1024 : null, bad);
		}
		finally {
			if (app != null) {
				app.close();
			}
		}
	}

	private static String page(Random random, int rooms, String direction, long id, int limit) {
		String path = (rooms == 1) ? "/api/messages"
				: "/api/rooms/" + HistorySeeder.room(random.nextInt(rooms), rooms) + "/messages";
		return path + "?" + direction + "=" + id + "&limit=" + limit;
	}

	private static int count(String text, String needle) {
		int count = 0;
		for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
			count++;
		}
		return count;
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
