package org.socketchat.bench.stomp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lean STOMP 1.2 client: CONNECT, SUBSCRIBE, SEND, heart-beats, and frames handed to a
 * handler per subscription on the reading thread. It parses only what the bench reads,
 * so the tool stays cheaper than the server it loads.
 */
public final class StompClient implements AutoCloseable {

	/** Called on the reading thread; must be quick and must not block. */
	@FunctionalInterface
	public interface MessageHandler {

		void onMessage(StompFrame frame, long receivedNanos);

	}

	private final FrameListener listener;

	private final AtomicInteger ids = new AtomicInteger();

	private volatile WebSocketConnection connection;

	/** Whether it offered heart-beats; one that offered none must send none. */
	private final boolean sendsHeartbeats;

	/** From the start of the WebSocket upgrade to the CONNECTED frame, in µs. */
	private volatile long connectMicros;

	private StompClient(FrameListener listener, boolean sendsHeartbeats) {
		this.listener = listener;
		this.sendsHeartbeats = sendsHeartbeats;
	}

	/**
	 * Opens the WebSocket (the blocking upgrade runs on {@code executor}) and completes with
	 * the client once the server's CONNECTED frame arrived, or fails with the ERROR frame's
	 * message, a close, or the timeout.
	 * @param heartbeat the {@code heart-beat} header to offer, e.g. {@code "10000,10000"}
	 * @param receiveBuffer the socket's receive buffer in bytes; 0 for the system's
	 */
	static CompletableFuture<StompClient> connect(URI uri, String username, String heartbeat, int receiveBuffer,
			Duration timeout, Reactor reactor, Executor executor) {
		FrameListener listener = new FrameListener();
		StompClient client = new StompClient(listener, !heartbeat.startsWith("0,"));
		long[] began = new long[1];
		return CompletableFuture.supplyAsync(() -> {
			began[0] = System.nanoTime(); // not earlier: time queued in the tool is not the server's
			try {
				client.connection = WebSocketConnection.open(uri, "v12.stomp", timeout, receiveBuffer, reactor,
						listener);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("accept-version", "1.2");
			headers.put("host", uri.getHost());
			headers.put("heart-beat", heartbeat);
			if (username != null) {
				headers.put("username", username);
			}
			client.sendFrame(StompFrame.encode("CONNECT", headers, ""));
			return client;
		}, executor)
			.thenCompose((connecting) -> listener.connected.thenApply((frame) -> {
				connecting.connectMicros = (System.nanoTime() - began[0]) / 1_000;
				return connecting;
			}))
			.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((connected, failure) -> {
				if (failure != null && client.connection != null) {
					client.connection.close();
				}
			});
	}

	/** Subscribes; what arrives there goes to the handler. */
	public void subscribe(String destination, MessageHandler handler) {
		String subscription = "sub-" + this.ids.incrementAndGet();
		this.listener.handlers.put(subscription, handler);
		sendFrame("SUBSCRIBE\nid:" + subscription + "\ndestination:" + destination + "\n\n\0");
	}

	/**
	 * Subscribes asking for a {@code RECEIPT}, and completes with it. Behind the broker relay
	 * the broker itself answers once the subscription is in place there; the simple broker
	 * answers none (use {@link #request} as the barrier with it).
	 */
	public CompletableFuture<StompFrame> subscribeWithReceipt(String destination, MessageHandler handler) {
		String subscription = "sub-" + this.ids.incrementAndGet();
		CompletableFuture<StompFrame> receipt = new CompletableFuture<>();
		this.listener.handlers.put(subscription, handler);
		this.listener.receipts.put(subscription, receipt);
		this.listener.pending.add(receipt);
		sendFrame("SUBSCRIBE\nid:" + subscription + "\ndestination:" + destination + "\nreceipt:" + subscription
				+ "\n\n\0");
		return receipt;
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

	/** Sends a JSON body; blocks while the socket is full (TCP back-pressure shows here). */
	public void send(String destination, String json) {
		sendFrame("SEND\ndestination:" + destination + "\ncontent-type:application/json\n\n" + json + '\0');
	}

	/** A STOMP heart-beat: one EOL, so the server does not close an idle session; none if none was offered. */
	public void heartbeat() {
		if (isOpen() && this.sendsHeartbeats) {
			sendFrame("\n");
		}
	}

	/** From the start of the WebSocket upgrade to the server's CONNECTED frame, in µs. */
	public long connectMicros() {
		return this.connectMicros;
	}

	public boolean isOpen() {
		return this.listener.closeReason == null && this.connection != null && this.connection.isOpen();
	}

	/** Why the session ended (close status, ERROR frame, I/O error), or {@code null} while open. */
	public String closeReason() {
		return this.listener.closeReason;
	}

	/** Stops reading the socket (the server's writes back up), until {@link #resumeReading()}. */
	public void pauseReading() {
		this.connection.pauseReading();
	}

	/** Reads again: first what waited in the socket, then the server's close if it sent one. */
	public void resumeReading() {
		this.connection.resumeReading();
	}

	/** The local TCP port of the session's connection. */
	public int localPort() {
		return this.connection.localPort();
	}

	/** Leaves cleanly, as the page does on a reload: STOMP {@code DISCONNECT}, then a normal close. */
	public void disconnect() {
		if (isOpen()) {
			try {
				sendFrame("DISCONNECT\n\n\0");
			}
			catch (IllegalStateException ex) {
				// the socket is gone already; closing anyway
			}
		}
		close();
	}

	/** Leaves abruptly: the TCP connection dropped without a WebSocket close or STOMP DISCONNECT. */
	public void abort() {
		if (this.connection != null) {
			this.connection.abort();
		}
	}

	@Override
	public void close() {
		if (this.connection != null) {
			this.connection.close();
		}
	}

	private void sendFrame(String text) {
		try {
			this.connection.sendText(text);
		}
		catch (IOException ex) {
			throw new IllegalStateException("send failed: " + ex.getMessage(), ex);
		}
	}

	private static final class FrameListener implements WebSocketConnection.Listener {

		final CompletableFuture<StompFrame> connected = new CompletableFuture<>();

		final Map<String, MessageHandler> handlers = new ConcurrentHashMap<>();

		/** Receipts awaited, by receipt id (the subscription's id). */
		final Map<String, CompletableFuture<StompFrame>> receipts = new ConcurrentHashMap<>();

		/** Answers awaited; failed if the session ends first. */
		final Queue<CompletableFuture<StompFrame>> pending = new ConcurrentLinkedQueue<>();

		volatile String closeReason;

		@Override
		public void onText(String message, long receivedNanos) {
			for (StompFrame frame : StompFrame.parse(message)) {
				switch (frame.command()) {
					case "MESSAGE" -> {
						MessageHandler handler = this.handlers.get(frame.header("subscription"));
						if (handler != null) {
							handler.onMessage(frame, receivedNanos);
						}
					}
					case "CONNECTED" -> this.connected.complete(frame);
					case "ERROR" -> onClosed("ERROR frame: " + frame.header("message"));
					case "RECEIPT" -> {
						CompletableFuture<StompFrame> receipt = this.receipts.remove(frame.header("receipt-id"));
						if (receipt != null) {
							receipt.complete(frame);
						}
					}
					default -> {
						// nothing else comes from a STOMP 1.2 server
					}
				}
			}
		}

		@Override
		public void onClosed(String reason) {
			if (this.closeReason == null) {
				this.closeReason = reason;
			}
			CompletionException failure = new CompletionException(new IllegalStateException(reason));
			this.connected.completeExceptionally(failure);
			this.pending.forEach((answer) -> answer.completeExceptionally(failure));
		}

	}

}
