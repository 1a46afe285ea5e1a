package org.socketchat.bench.stomp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lean STOMP 1.2 client on the JDK's WebSocket: CONNECT, SUBSCRIBE, SEND,
 * heart-beats, and frames handed to a handler per subscription on the receiving thread.
 * It parses only what the bench reads, so the tool stays cheaper than the server it loads.
 */
public final class StompClient implements AutoCloseable {

	/** Called on the WebSocket's receiving thread; must be quick and must not block. */
	@FunctionalInterface
	public interface MessageHandler {

		void onMessage(StompFrame frame, long receivedNanos);

	}

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

	private final WebSocket webSocket;

	private final FrameListener listener;

	private final AtomicInteger ids = new AtomicInteger();

	private StompClient(WebSocket webSocket, FrameListener listener) {
		this.webSocket = webSocket;
		this.listener = listener;
	}

	/**
	 * Opens the WebSocket and completes with the client once the server's CONNECTED frame
	 * arrived, or fails with the ERROR frame's message, a close, or the timeout.
	 * @param heartbeat the {@code heart-beat} header to offer, e.g. {@code "10000,10000"}
	 */
	public static CompletableFuture<StompClient> connect(HttpClient http, URI uri, String username, String heartbeat,
			Duration timeout) {
		FrameListener listener = new FrameListener();
		return http.newWebSocketBuilder()
			.subprotocols("v12.stomp")
			.connectTimeout(timeout)
			.buildAsync(uri, listener)
			.thenCompose((webSocket) -> {
				StompClient client = new StompClient(webSocket, listener);
				Map<String, String> headers = new LinkedHashMap<>();
				headers.put("accept-version", "1.2");
				headers.put("host", uri.getHost());
				headers.put("heart-beat", heartbeat);
				if (username != null) {
					headers.put("username", username);
				}
				return webSocket.sendText(StompFrame.encode("CONNECT", headers, ""), true)
					.thenCompose((ws) -> listener.connected)
					.thenApply((connected) -> client);
			})
			.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Subscribes; what arrives there goes to the handler. */
	public void subscribe(String destination, MessageHandler handler) {
		String subscription = "sub-" + this.ids.incrementAndGet();
		this.listener.handlers.put(subscription, handler);
		sendFrame("SUBSCRIBE\nid:" + subscription + "\ndestination:" + destination + "\n\n\0");
	}

	/**
	 * Subscribes to an application destination that answers once (such as
	 * {@code /app/presence}) and completes with that answer. The server handles a
	 * session's frames in order, so the answer also proves that every frame sent before
	 * it, subscriptions included, has been handled: the simple broker sends no RECEIPT.
	 */
	public CompletableFuture<StompFrame> request(String destination) {
		CompletableFuture<StompFrame> answer = new CompletableFuture<>();
		this.listener.pending.add(answer);
		subscribe(destination, (frame, receivedNanos) -> answer.complete(frame));
		return answer;
	}

	/** Sends a JSON body; blocks until the WebSocket took it (TCP back-pressure shows here). */
	public void send(String destination, String json) {
		sendFrame("SEND\ndestination:" + destination + "\ncontent-type:application/json\n\n" + json + '\0');
	}

	/** A STOMP heart-beat: one EOL, so the server does not close an idle session. */
	public void heartbeat() {
		if (isOpen()) {
			sendFrame("\n");
		}
	}

	public boolean isOpen() {
		return this.listener.closeReason == null && !this.webSocket.isOutputClosed();
	}

	/** Why the session ended (close status, ERROR frame, I/O error), or {@code null} while open. */
	public String closeReason() {
		return this.listener.closeReason;
	}

	/** Starts a normal close; does not wait for the server's answer. */
	@Override
	public void close() {
		if (this.webSocket.isOutputClosed()) {
			this.webSocket.abort();
			return;
		}
		synchronized (this) {
			this.webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done")
				.orTimeout(2, TimeUnit.SECONDS)
				.whenComplete((ws, failure) -> this.webSocket.abort());
		}
	}

	// The JDK WebSocket refuses a send while the previous one is pending: one at a time.
	private synchronized void sendFrame(String text) {
		try {
			this.webSocket.sendText(text, true).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while sending", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("send failed: " + ex, ex);
		}
	}

	private static final class FrameListener implements WebSocket.Listener {

		final CompletableFuture<StompFrame> connected = new CompletableFuture<>();

		final Map<String, MessageHandler> handlers = new ConcurrentHashMap<>();

		/** Answers awaited; failed if the session ends first. */
		final Queue<CompletableFuture<StompFrame>> pending = new ConcurrentLinkedQueue<>();

		private final StringBuilder partial = new StringBuilder();

		volatile String closeReason;

		@Override
		public void onOpen(WebSocket webSocket) {
			// The bench keeps up with whatever arrives; demand is not a throttle here.
			webSocket.request(Long.MAX_VALUE);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			long receivedNanos = System.nanoTime();
			if (!last) {
				this.partial.append(data);
				return null;
			}
			CharSequence message = data;
			if (this.partial.length() > 0) {
				message = this.partial.append(data).toString();
				this.partial.setLength(0);
			}
			for (StompFrame frame : StompFrame.parse(message)) {
				dispatch(frame, receivedNanos);
			}
			return null;
		}

		private void dispatch(StompFrame frame, long receivedNanos) {
			switch (frame.command()) {
				case "MESSAGE" -> {
					MessageHandler handler = this.handlers.get(frame.header("subscription"));
					if (handler != null) {
						handler.onMessage(frame, receivedNanos);
					}
				}
				case "CONNECTED" -> this.connected.complete(frame);
				case "ERROR" -> end("ERROR frame: " + frame.header("message"));
				default -> {
					// Nothing else is sent to a client by a STOMP 1.2 server.
				}
			}
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			end("closed by server: " + statusCode + " " + reason);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			end("I/O error: " + error);
		}

		private void end(String reason) {
			if (this.closeReason == null) {
				this.closeReason = reason;
			}
			IllegalStateException failure = new IllegalStateException(reason);
			this.connected.completeExceptionally(failure);
			this.pending.forEach((answer) -> answer.completeExceptionally(failure));
		}

	}

}
