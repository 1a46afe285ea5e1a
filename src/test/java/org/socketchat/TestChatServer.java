package org.socketchat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.broker.SubscriptionRegistry;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import org.springframework.web.socket.sockjs.client.RestClientXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;

import static org.assertj.core.api.Assertions.fail;

/** The running application as its clients reach it: STOMP over each transport, and HTTP. */
public final class TestChatServer {

	/** The ways a client reaches the STOMP endpoint. */
	public enum Transport {

		/** Plain WebSocket at {@code /ws}. */
		WEBSOCKET,
		/** SockJS at {@code /sockjs}, over its WebSocket transport. */
		SOCKJS,
		/** SockJS at {@code /sockjs}, forced onto its XHR streaming fallback. */
		SOCKJS_XHR

	}

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final ThreadPoolTaskScheduler SCHEDULER = new ThreadPoolTaskScheduler();

	static {
		SCHEDULER.setDaemon(true);
		SCHEDULER.setThreadNamePrefix("test-stomp-");
		SCHEDULER.initialize();
	}

	private final int port;

	private final SimpUserRegistry users;

	private final SubscriptionRegistry subscriptions;

	private final HttpClient http = HttpClient.newHttpClient();

	private TestChatServer(int port, SimpUserRegistry users, SubscriptionRegistry subscriptions) {
		this.port = port;
		this.users = users;
		this.subscriptions = subscriptions;
	}

	/** With a relayed broker there is no subscription registry to look into: receipts tell instead. */
	public static TestChatServer of(ApplicationContext context) {
		int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
		SimpleBrokerMessageHandler broker = context.getBeanProvider(SimpleBrokerMessageHandler.class).getIfAvailable();
		return new TestChatServer(port, context.getBean(SimpUserRegistry.class),
				(broker != null) ? broker.getSubscriptionRegistry() : null);
	}

	/**
	 * A server in another process that relays to a shared broker, known by its port alone:
	 * clients connect and subscribe (confirmed by receipts), nothing more.
	 */
	public static TestChatServer relayedAt(int port) {
		return new TestChatServer(port, null, null);
	}

	public ChatClient connect(String username) {
		return connect(Transport.WEBSOCKET, username);
	}

	/**
	 * Connects, subscribes to the chat's destinations and returns once the broker has
	 * registered every subscription, so nothing sent afterwards can be missed.
	 * @param username the CONNECT frame's username header, or {@code null} for none
	 */
	public ChatClient connect(Transport transport, String username) {
		ConnectOutcome outcome = new ConnectOutcome();
		StompSession session = join(stompClient(transport).connectAsync(url(transport), new WebSocketHttpHeaders(),
				connectHeaders(username), outcome));
		ChatClient client = new ChatClient(session, join(outcome.principalName));
		ChatClient.DESTINATIONS.forEach((destination) -> subscribe(client, destination));
		return client;
	}

	/** Subscribes the client and returns once the broker has registered the subscription. */
	public void subscribe(ChatClient client, String destination) {
		if (this.subscriptions == null) {
			client.subscribeConfirmed(destination);
		}
		else {
			client.subscribe(destination);
			awaitSubscribed(client.principalName(), destination);
		}
	}

	/** Connects expecting the server to refuse; returns its ERROR frame's message. */
	public String connectRefused(String username) {
		ConnectOutcome outcome = new ConnectOutcome();
		stompClient(Transport.WEBSOCKET).connectAsync(url(Transport.WEBSOCKET), new WebSocketHttpHeaders(),
				connectHeaders(username), outcome);
		return join(outcome.error);
	}

	/**
	 * Waits until this many sessions are connected: those of a test before may still be
	 * disconnecting.
	 */
	public void awaitConnected(int count) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (this.users.getUserCount() != count) {
			if (System.nanoTime() > deadline) {
				fail(count + " sessions expected, connected: " + this.users.getUsers());
			}
			sleep();
		}
	}

	/** A bare WebSocket to {@code /ws}, for frames a STOMP client would not send. */
	public RawStompSocket openRaw() {
		return RawStompSocket.open(URI.create(url(Transport.WEBSOCKET)));
	}

	/** A subscriber to {@code /topic/chat} that stops reading its socket once subscribed. */
	public StalledSubscriber connectStalled(String username) {
		return StalledSubscriber.connect(this.port, username);
	}

	/** The address a browser opens, e.g. {@code url("/?transport=xhr-polling")}. */
	public String url(String pathAndQuery) {
		return "http://127.0.0.1:" + this.port + pathAndQuery;
	}

	/** The stored messages after this id, from the backlog endpoint. */
	public JsonNode messagesSince(long id) {
		return JsonMapper.shared().readTree(get("/api/messages?since=" + id).body());
	}

	public HttpResponse<String> get(String pathAndQuery) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url(pathAndQuery)))
				.timeout(WAIT)
				.build();
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException("GET " + pathAndQuery + " failed", ex);
		}
	}

	private void awaitSubscribed(String principalName, String destination) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			SimpUser user = this.users.getUser(principalName);
			if (user != null) {
				for (SimpSession session : user.getSessions()) {
					if (brokerHasSubscription(session.getId(), destination)) {
						return;
					}
				}
			}
			sleep();
		}
		fail(principalName + " did not get subscribed to " + destination + " within " + WAIT);
	}

	private boolean brokerHasSubscription(String sessionId, String destination) {
		// The broker keeps a user destination under the session-specific name Spring gives it.
		String brokerDestination = destination.startsWith("/user/")
				? destination.substring("/user".length()) + "-user" + sessionId : destination;
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setDestination(brokerDestination);
		Message<byte[]> probe = MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
		return this.subscriptions.findSubscriptions(probe).containsKey(sessionId);
	}

	private String url(Transport transport) {
		String path = (transport == Transport.WEBSOCKET) ? "ws://127.0.0.1:%d/ws" : "http://127.0.0.1:%d/sockjs";
		return path.formatted(this.port);
	}

	private static WebSocketStompClient stompClient(Transport transport) {
		WebSocketClient client = switch (transport) {
			case WEBSOCKET -> new StandardWebSocketClient();
			case SOCKJS -> new SockJsClient(List.of(new WebSocketTransport(new StandardWebSocketClient())));
			case SOCKJS_XHR -> new SockJsClient(List.of(new RestClientXhrTransport()));
		};
		WebSocketStompClient stomp = new WebSocketStompClient(client);
		stomp.setMessageConverter(new RawJsonConverter());
		// Heart-beats (a real broker closes connections without them) and receipts.
		stomp.setTaskScheduler(SCHEDULER);
		return stomp;
	}

	private static StompHeaders connectHeaders(String username) {
		StompHeaders headers = new StompHeaders();
		if (username != null) {
			headers.add("username", username);
		}
		return headers;
	}

	private static <T> T join(CompletableFuture<T> future) {
		try {
			return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("no answer within " + WAIT, ex);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(10);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Bodies in and out as they are: tests read the JSON themselves and send broken JSON too. */
	private static final class RawJsonConverter extends StringMessageConverter {

		RawJsonConverter() {
			addSupportedMimeTypes(MimeTypeUtils.APPLICATION_JSON);
		}

	}

	/** What the server answered to CONNECT: a principal name, or an ERROR frame. */
	private static final class ConnectOutcome extends StompSessionHandlerAdapter {

		final CompletableFuture<String> principalName = new CompletableFuture<>();

		final CompletableFuture<String> error = new CompletableFuture<>();

		@Override
		public void afterConnected(StompSession session, StompHeaders connectedHeaders) {
			this.principalName.complete(connectedHeaders.getFirst("user-name"));
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			// Only ERROR frames reach the session handler; subscriptions have their own.
			this.error.complete(headers.getFirst("message"));
		}

		@Override
		public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
				Throwable ex) {
			this.error.completeExceptionally(ex);
		}

		@Override
		public void handleTransportError(StompSession session, Throwable ex) {
			this.principalName.completeExceptionally(ex);
		}

	}

}
