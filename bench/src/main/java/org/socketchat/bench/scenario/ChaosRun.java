package org.socketchat.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.socketchat.bench.process.AppProcess;
import org.socketchat.bench.stomp.StompConnector;

/**
 * One chaos run against an app the bench started: the clients play for the planned time
 * while the app is killed and restarted once; then they settle (every send acknowledged),
 * catch up one last time, and the app is stopped so the database can be read and checked.
 */
final class ChaosRun {

	private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(120);

	private static final long SLACK_NANOS = TimeUnit.SECONDS.toNanos(30);

	private final ChaosScenario.Plan plan;

	private AppProcess app;

	/** @param app started and healthy; this run stops it (and its restarted self) */
	ChaosRun(ChaosScenario.Plan plan, AppProcess app) {
		this.plan = plan;
		this.app = app;
	}

	/** @param database reads the database's rows in id order once the app has stopped */
	ChaosResult run(String backend, Supplier<List<StoredMessage>> database) {
		ChaosClient.Recovery recovery = new ChaosClient.Recovery();
		List<ChaosClient> clients = new ArrayList<>();
		double appBack;
		ExecutorService threads = Executors.newFixedThreadPool(this.plan.clients());
		try (StompConnector connector = new StompConnector(this.app.target().webSocket(), 2)) {
			Backlog backlog = new Backlog(this.app.target());
			for (int i = 0; i < this.plan.clients(); i++) {
				clients.add(new ChaosClient(i, this.plan, connector, backlog, recovery));
			}
			long start = System.nanoTime();
			long deadline = start + nanos(this.plan.seconds());
			List<Future<?>> playing = each(threads, clients, (client) -> client.play(deadline));
			LockSupport.parkNanos(start + nanos(this.plan.seconds() * this.plan.killAt()) - System.nanoTime());
			recovery.killedNanos = System.nanoTime();
			System.err.printf("  kill -9 %d, restarting on the same database and port%n", this.app.pid());
			this.app.kill();
			this.app = this.app.restart();
			this.app.awaitOk("/actuator/health", HEALTHY_WITHIN);
			appBack = (System.nanoTime() - recovery.killedNanos) / 1e9;
			join(playing, deadline + SLACK_NANOS);
			long settled = System.nanoTime() + nanos(this.plan.settleSeconds());
			join(each(threads, clients, (client) -> client.settle(settled)), settled + SLACK_NANOS);
			join(each(threads, clients, ChaosClient::finish), System.nanoTime() + SLACK_NANOS);
		}
		finally {
			threads.shutdownNow();
			this.app.close(); // a clean stop, so the SQLite file is complete when read
		}
		return result(backend, clients, database.get(), appBack, recovery);
	}

	private ChaosResult result(String backend, List<ChaosClient> clients, List<StoredMessage> rows, double appBack,
			ChaosClient.Recovery recovery) {
		long messages = 0;
		long frames = 0;
		long retried = 0;
		long unacknowledged = 0;
		long refused = 0;
		long conflicts = 0;
		long reconnects = 0;
		long connectFailures = 0;
		long leaves = 0;
		long dropped = 0;
		Map<String, Long> errors = new TreeMap<>();
		List<ChaosCheck.Ack> acks = new ArrayList<>();
		List<List<StoredMessage>> views = new ArrayList<>();
		for (ChaosClient client : clients) {
			Outbox.Figures figures = client.figures();
			messages += figures.created();
			frames += figures.frames();
			retried += figures.retried();
			unacknowledged += figures.unacknowledged();
			refused += figures.refused();
			figures.errors().forEach((code, count) -> errors.merge(code, count, Long::sum));
			acks.addAll(figures.acks());
			views.add(client.view().messages());
			conflicts += client.view().conflicts();
			reconnects += client.reconnects();
			connectFailures += client.connectFailures();
			leaves += client.leaves();
			dropped += client.dropped();
		}
		ChaosCheck check = ChaosCheck.of(rows, acks, views);
		long firstAck = recovery.firstAckNanos.get();
		Double firstAckSeconds = (firstAck != Long.MAX_VALUE) ? (firstAck - recovery.killedNanos) / 1e9 : null;
		boolean passed = check.passed() && unacknowledged == 0 && refused == 0 && conflicts == 0;
		return new ChaosResult(backend, null, this.plan.clients(), this.plan.seconds(), this.plan.seed(), messages,
				frames, retried, check.acknowledged(), unacknowledged, refused, check.stored(), check.lost(),
				check.duplicated(), check.viewsDiffering(), conflicts, errors, reconnects, connectFailures, leaves,
				dropped, appBack, firstAckSeconds, check.problems(), passed);
	}

	private static List<Future<?>> each(ExecutorService threads, List<ChaosClient> clients,
			Consumer<ChaosClient> phase) {
		return clients.stream().<Future<?>>map((client) -> threads.submit(() -> phase.accept(client))).toList();
	}

	private static void join(List<Future<?>> futures, long deadline) {
		for (Future<?> future : futures) {
			try {
				future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			catch (Exception ex) {
				throw new IllegalStateException("a chaos client failed: " + ex, ex);
			}
		}
	}

	private static long nanos(double seconds) {
		return (long) (seconds * 1e9);
	}

}
