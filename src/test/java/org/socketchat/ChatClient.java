package org.socketchat;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSession.Subscription;
import org.springframework.util.MimeTypeUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real STOMP client of the chat, as a test sees it: what arrived on each destination
 * it subscribed to, and a way to send chat frames.
 */
public final class ChatClient implements AutoCloseable {

	public static final String CHAT = "/topic/chat";

	public static final String REPLAYS = "/user/queue/chat";

	public static final String ERRORS = "/user/queue/errors";

	public static final String PRESENCE = "/topic/presence";

	private static final String SNAPSHOT = "/app/presence";

	public static final List<String> DESTINATIONS = List.of(CHAT, REPLAYS, ERRORS, PRESENCE);

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** How long "nothing arrived" waits: a payload on its way has long arrived by then. */
	private static final Duration QUIET = Duration.ofMillis(500);

	private static final JsonMapper json = JsonMapper.shared();

	private final StompSession session;

	private final String principalName;

	private final Map<String, BlockingQueue<JsonNode>> received = new ConcurrentHashMap<>();

	private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

	ChatClient(StompSession session, String principalName) {
		this.session = session;
		this.principalName = principalName;
	}

	/** The principal name the server gave this session, from the CONNECTED frame. */
	public String principalName() {
		return this.principalName;
	}

	/** Subscribes without waiting for the broker: the server may refuse it. */
	public void subscribe(String destination) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		subscribe(headers);
	}

	/** Subscribes and waits for the broker's receipt, which it sends once it took the subscription. */
	void subscribeConfirmed(String destination) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.setReceipt(UUID.randomUUID().toString());
		CompletableFuture<Void> receipt = new CompletableFuture<>();
		Subscription subscription = subscribe(headers);
		subscription.addReceiptTask(() -> receipt.complete(null));
		subscription.addReceiptLostTask(() -> receipt.completeExceptionally(new IllegalStateException("receipt lost")));
		try {
			receipt.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			fail("no receipt for the subscription to " + destination + " within " + WAIT, ex);
		}
	}

	private Subscription subscribe(StompHeaders headers) {
		BlockingQueue<JsonNode> queue = this.received.computeIfAbsent(headers.getDestination(),
				(d) -> new LinkedBlockingQueue<>());
		Subscription subscription = this.session.subscribe(headers, new StompFrameHandler() {
			@Override
			public Type getPayloadType(StompHeaders headers) {
				return String.class;
			}

			@Override
			public void handleFrame(StompHeaders headers, Object payload) {
				queue.add(json.readTree((String) payload));
			}
		});
		this.subscriptions.put(headers.getDestination(), subscription);
		return subscription;
	}

	/** Unsubscribes from the destination; what it was sent until then stays readable. */
	public void unsubscribe(String destination) {
		this.subscriptions.remove(destination).unsubscribe();
	}

	/** Sends a chat frame to the room, as {@link #send(String, String)} does to the default one. */
	public void sendToRoom(String room, String content) {
		sendTo("/app/rooms/" + room + "/chat", json.writeValueAsString(Map.of("content", content)));
	}

	/** Sends a chat frame with this content and clientId ({@code null} leaves it out). */
	public void send(String content, String clientId) {
		Map<String, String> body = new HashMap<>();
		body.put("content", content);
		if (clientId != null) {
			body.put("clientId", clientId);
		}
		sendRaw(json.writeValueAsString(body));
	}

	/** Sends this exact body to {@code /app/chat}, valid or not. */
	public void sendRaw(String body) {
		sendTo("/app/chat", body);
	}

	/** Sends this exact body to any destination, allowed or not. */
	public void sendTo(String destination, String body) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		this.session.send(headers, body);
	}

	/** The next payload on the destination, failing the test if none comes in time. */
	public JsonNode next(String destination) {
		JsonNode payload = poll(destination, WAIT);
		if (payload == null) {
			fail("nothing arrived on " + destination + " within " + WAIT);
		}
		return payload;
	}

	/** The next payload on the destination, or {@code null} if none comes within the wait. */
	public JsonNode poll(String destination, Duration within) {
		try {
			return queue(destination).poll(within.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The next payload on either destination that satisfies the condition, passing over
	 * others; for when it is not known which of two replies the server will choose.
	 */
	public JsonNode nextMatching(Predicate<JsonNode> condition, String... destinations) {
		return nextMatching(condition, WAIT, destinations);
	}

	/** As {@link #nextMatching(Predicate, String...)}, waiting this long. */
	public JsonNode nextMatching(Predicate<JsonNode> condition, Duration within, String... destinations) {
		long deadline = System.nanoTime() + within.toNanos();
		while (System.nanoTime() < deadline) {
			for (String destination : destinations) {
				JsonNode payload = queue(destination).poll();
				if (payload != null && condition.test(payload)) {
					return payload;
				}
			}
			Thread.onSpinWait();
		}
		return fail("nothing matching arrived on " + String.join(" or ", destinations) + " within " + within);
	}

	/** Who is online now, as the server answers a subscription to {@code /app/presence}. */
	public JsonNode snapshot() {
		return snapshot(SNAPSHOT);
	}

	/** The one answer to a subscription to an {@code /app} destination, such as a room's snapshot. */
	public JsonNode snapshot(String destination) {
		subscribe(destination);
		JsonNode snapshot = next(destination);
		this.received.remove(destination);
		this.subscriptions.remove(destination);
		return snapshot;
	}

	/**
	 * Asserts that nothing more arrives on the destination within a quiet period: a
	 * payload still on its way would be missed by looking once.
	 */
	public void assertNothingOn(String destination) {
		assertThat(poll(destination, QUIET)).as("payload on " + destination + " within " + QUIET).isNull();
	}

	public boolean isConnected() {
		return this.session.isConnected();
	}

	private BlockingQueue<JsonNode> queue(String destination) {
		BlockingQueue<JsonNode> queue = this.received.get(destination);
		assertThat(queue).as("subscribed to " + destination).isNotNull();
		return queue;
	}

	@Override
	public void close() {
		if (this.session.isConnected()) {
			this.session.disconnect();
		}
	}

}
