package org.socketchat.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socketchat.ChatClient;
import org.socketchat.RawStompSocket;
import org.socketchat.SocketChatApplication;
import org.socketchat.TestChatServer;
import org.socketchat.storage.SqldPerClass;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.socketchat.ChatClient.CHAT;
import static org.socketchat.ChatClient.ERRORS;
import static org.socketchat.ChatClient.PRESENCE;
import static org.socketchat.ChatClient.REPLAYS;

/**
 * Two instances in one JVM, on two ports, sharing a real libSQL server and a real STOMP
 * broker through Spring's broker relay: what scaling out means. Each broker the README
 * names runs these tests in a subclass.
 */
abstract class ClusterIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static final SqldPerClass sqld = new SqldPerClass();

	static StompBroker broker;

	static ConfigurableApplicationContext firstContext;

	static ConfigurableApplicationContext secondContext;

	static TestChatServer first;

	static TestChatServer second;

	/** Two instances relaying to this broker, which the class then owns. */
	static void startInstancesOn(StompBroker started) {
		broker = started;
		firstContext = startInstance();
		secondContext = startInstance();
		first = TestChatServer.of(firstContext);
		second = TestChatServer.of(secondContext);
	}

	@AfterAll
	static void stopCluster() {
		if (secondContext != null) {
			secondContext.close();
		}
		if (firstContext != null) {
			firstContext.close();
		}
		if (broker != null) {
			broker.close();
		}
	}

	@BeforeEach
	void bothReady() {
		awaitReady(first, true);
		awaitReady(second, true);
	}

	@Test
	void messagesCrossInstancesBothWaysAndEachAnswerReachesItsSenderAlone() {
		try (ChatClient ana = first.connect("ana"); ChatClient bo = second.connect("bo")) {
			ana.send("from the first", "a1");
			JsonNode fromFirst = bo.next(CHAT);
			assertThat(fromFirst.get("content").asString()).isEqualTo("from the first");
			assertThat(ana.next(CHAT)).isEqualTo(fromFirst);

			bo.send("from the second", null);
			JsonNode fromSecond = ana.next(CHAT);
			assertThat(fromSecond.get("content").asString()).isEqualTo("from the second");
			assertThat(fromSecond.get("id").asLong()).isGreaterThan(fromFirst.get("id").asLong());
			assertThat(bo.next(CHAT)).isEqualTo(fromSecond);

			ana.send("from the first", "a1");
			assertThat(ana.next(REPLAYS)).isEqualTo(fromFirst);
			ana.sendRaw("{not json");
			assertThat(ana.next(ERRORS).get("code").asString()).isEqualTo("MALFORMED_FRAME");

			bo.assertNothingOn(REPLAYS);
			bo.assertNothingOn(ERRORS);
			ana.assertNothingOn(CHAT);
			bo.assertNothingOn(CHAT);
		}
	}

	/** Spring's relay sets the host header itself: on RabbitMQ it names the virtual host. */
	@Test
	void aClientCannotChooseTheBrokersVirtualHost() {
		try (RawStompSocket mo = first.openRaw()) {
			mo.send("CONNECT", "", "accept-version:1.2", "host:no-such-virtual-host", "username:mo", "heart-beat:0,0");
			assertThat(mo.nextFrame()).startsWith("CONNECTED");
		}
	}

	@Test
	void presenceCountsTheSessionsOfEveryInstance() {
		first.awaitConnected(0);
		second.awaitConnected(0);
		try (ChatClient cy = first.connect("cy")) {
			ChatClient di = second.connect("di");
			assertNotice(cy.nextMatching(about("di"), PRESENCE), "JOINED", 2);
			JsonNode snapshot = cy.snapshot();
			assertThat(snapshot.get("online").asInt()).isEqualTo(2);
			assertThat(snapshot.get("usernames").valueStream().map(JsonNode::asString)).containsExactly("cy", "di");
			assertThat(di.snapshot()).isEqualTo(snapshot);

			di.close();

			assertNotice(cy.nextMatching(about("di"), PRESENCE), "LEFT", 1);
		}
	}

	/** Room topics have dots, not slashes, so RabbitMQ's STOMP topics take them as they are. */
	@Test
	void roomsTheirPresenceAndTypingCrossInstances() {
		try (ChatClient jo = first.connect("jo"); ChatClient kim = second.connect("kim")) {
			first.subscribe(jo, "/topic/rooms.lobby-2.presence");
			first.subscribe(jo, "/topic/rooms.lobby-2");
			assertNotice(jo.nextMatching(about("jo"), "/topic/rooms.lobby-2.presence"), "JOINED", 1);
			second.subscribe(kim, "/topic/rooms.lobby-2");
			second.subscribe(kim, "/topic/rooms.lobby-2.typing");
			assertNotice(jo.nextMatching(about("kim"), "/topic/rooms.lobby-2.presence"), "JOINED", 2);
			assertThat(jo.snapshot("/app/rooms/lobby-2/presence").get("usernames").valueStream().map(JsonNode::asString))
				.containsExactly("jo", "kim");

			jo.sendTo("/app/rooms/lobby-2/typing", "");
			assertThat(kim.next("/topic/rooms.lobby-2.typing").get("username").asString()).isEqualTo("jo");
			jo.sendToRoom("lobby-2", "across");
			JsonNode across = kim.next("/topic/rooms.lobby-2");
			assertThat(across.get("room").asString()).isEqualTo("lobby-2");
			assertThat(jo.next("/topic/rooms.lobby-2")).isEqualTo(across);
			JsonNode listed = JsonMapper.shared()
				.readTree(second.get("/api/rooms").body())
				.valueStream()
				.filter((room) -> room.get("name").asString().equals("lobby-2"))
				.findFirst()
				.orElseThrow();
			assertThat(listed.get("present").asInt()).isEqualTo(2);
			assertThat(listed.get("messageCount").asLong()).isOne();

			kim.close();
			assertNotice(jo.nextMatching(about("kim"), "/topic/rooms.lobby-2.presence"), "LEFT", 1);
			jo.assertNothingOn(CHAT);
		}
	}

	@Test
	void aClientThatReconnectsToTheOtherInstanceCatchesUpOnceInOrder() {
		try (ChatClient onFirst = first.connect("ed"); ChatClient onSecond = second.connect("flo")) {
			long before = lastStoredId();
			Timeline timeline = new Timeline(before);
			ChatClient reader = first.connect("gus");
			for (int i = 0; i < 10; i++) {
				((i % 2 == 0) ? onFirst : onSecond).send("before " + i, null);
			}
			for (int i = 0; i < 10; i++) {
				timeline.show(reader.next(CHAT).get("id").asLong());
			}
			reader.close();

			for (int i = 0; i < 10; i++) {
				((i % 2 == 0) ? onFirst : onSecond).send("while away " + i, null);
			}
			for (int i = 0; i < 20; i++) {
				// Every message so far, before and while away, is stored and broadcast.
				onFirst.next(CHAT);
			}

			// As the page does: subscribe, then read the backlog from the highest
			// contiguous id shown, then whatever arrives live.
			ChatClient back = second.connect("gus");
			onSecond.send("after", null);
			long caughtUpTo = timeline.caughtUpTo();
			List<Long> backlog = second.messagesSince(caughtUpTo)
				.valueStream()
				.map((message) -> message.get("id").asLong())
				.toList();
			assertThat(backlog).isSorted().doesNotHaveDuplicates().allMatch((id) -> id > caughtUpTo);
			backlog.forEach(timeline::show);
			JsonNode after = back.nextMatching((message) -> message.get("content").asString().equals("after"), CHAT);
			timeline.show(after.get("id").asLong());
			back.close();

			List<Long> stored = idsStoredBetween(before, after.get("id").asLong());
			assertThat(stored).hasSize(21);
			assertThat(timeline.shown).containsExactlyElementsOf(stored);
		}
	}

	@Test
	void anInstanceThatStopsIsAnnouncedGoneAndTheOtherKeepsChatting() {
		ConfigurableApplicationContext third = startInstance();
		try (ChatClient hal = first.connect("hal")) {
			ChatClient ivy = TestChatServer.of(third).connect("ivy");
			assertNotice(hal.nextMatching(about("ivy"), PRESENCE), "JOINED", -1);
			ivy.send("last words", null);
			long lastWords = hal.nextMatching((m) -> m.get("content").asString().equals("last words"), CHAT)
				.get("id")
				.asLong();

			third.close();

			JsonNode left = hal.nextMatching(about("ivy"), PRESENCE);
			assertThat(left.get("type").asString()).isEqualTo("LEFT");
			hal.send("still here", null);
			JsonNode stillHere = hal.nextMatching((m) -> m.get("content").asString().equals("still here"), CHAT);
			assertThat(stillHere.get("id").asLong()).isGreaterThan(lastWords);
		}
		finally {
			third.close();
		}
	}

	@Test
	void theSessionsOfAnInstanceThatDiedAreAnnouncedGone() {
		try (ChatClient jo = second.connect("jo")) {
			// What an instance killed mid-chat leaves behind: its sessions, and its last sign of life.
			sqld.query("INSERT INTO instances (id, seen_at) VALUES ('killed', CAST(strftime('%s', 'now') AS INTEGER))");
			sqld.query("INSERT INTO presence (session_id, room, instance_id, username) VALUES ('k1', '', 'killed', 'kim')");

			long start = System.nanoTime();
			JsonNode left = jo.nextMatching(about("kim"), Duration.ofSeconds(30), PRESENCE);
			assertThat(left.get("type").asString()).isEqualTo("LEFT");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
			jo.assertNothingOn(PRESENCE);
		}
	}

	@Test
	void whenTheBrokerGoesAwayInstancesAreNotReadyAndChatResumesWhenItIsBack() {
		List<Long> acknowledged = new ArrayList<>();
		try (ChatClient kai = first.connect("kai"); ChatClient lu = second.connect("lu")) {
			kai.send("before the outage", null);
			acknowledged.add(lu.next(CHAT).get("id").asLong());
		}

		broker.stop();
		try {
			awaitReady(first, false);
			awaitReady(second, false);
		}
		finally {
			broker.restart();
		}

		awaitReady(first, true);
		awaitReady(second, true);
		try (ChatClient kai = first.connect("kai"); ChatClient lu = second.connect("lu")) {
			lu.send("after the outage", null);
			acknowledged.add(kai.next(CHAT).get("id").asLong());
		}
		assertThat(idsStoredBetween(acknowledged.get(0) - 1, acknowledged.get(1))).containsAll(acknowledged);
	}

	private static ConfigurableApplicationContext startInstance() {
		return new SpringApplicationBuilder(SocketChatApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--chat.storage.turso.database-url=" + sqld.url(),
				"--chat.storage.turso.auth-token=" + sqld.token(), "--chat.broker.relay.host=127.0.0.1",
				"--chat.broker.relay.port=" + broker.port(), "--logging.level.org.apache.activemq=error");
	}

	private static void awaitReady(TestChatServer server, boolean ready) {
		int expected = ready ? 200 : 503;
		awaitTrue(() -> server.get("/actuator/health/readiness").statusCode() == expected,
				"readiness " + expected + " at " + server.url("/"));
	}

	private static void awaitTrue(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				fail("no " + what + " within " + WAIT);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static long lastStoredId() {
		return sqld.query("SELECT coalesce(max(id), 0) FROM messages").get(0).get(0).asLong();
	}

	/** Ids after the first, up to and including the last. */
	private static List<Long> idsStoredBetween(long after, long last) {
		return sqld.query("SELECT id FROM messages WHERE id > " + after + " AND id <= " + last + " ORDER BY id")
			.stream()
			.map((row) -> row.get(0).asLong())
			.toList();
	}

	static Predicate<JsonNode> about(String username) {
		return (notice) -> notice.get("username").asString().equals(username);
	}

	/** @param online the count expected, or -1 for any */
	private static void assertNotice(JsonNode notice, String type, int online) {
		assertThat(notice.get("type").asString()).isEqualTo(type);
		if (online >= 0) {
			assertThat(notice.get("online").asInt()).isEqualTo(online);
		}
	}

	/** A real STOMP broker the test can take away and bring back. */
	interface StompBroker extends AutoCloseable {

		int port();

		void stop();

		/** Starts it again, on the same port. */
		void restart();

		@Override
		void close();

	}

	/** The page's rule: each id shown once; caught up to the highest id with none missing below. */
	private static final class Timeline {

		final Set<Long> shown = new TreeSet<>();

		private long caughtUpTo;

		Timeline(long caughtUpTo) {
			this.caughtUpTo = caughtUpTo;
		}

		void show(long id) {
			this.shown.add(id);
			while (this.shown.contains(this.caughtUpTo + 1)) {
				this.caughtUpTo++;
			}
		}

		long caughtUpTo() {
			return this.caughtUpTo;
		}

	}

}
