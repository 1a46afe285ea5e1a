package org.socketchat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.fail;

/**
 * A bare WebSocket that speaks STOMP frames as the test writes them: for clients that
 * break the rules a real STOMP client keeps (no CONNECT, no heart-beats, forbidden
 * frames).
 */
public final class RawStompSocket implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

	private final AtomicInteger messages = new AtomicInteger();

	private final CompletableFuture<Closed> closed = new CompletableFuture<>();

	private final WebSocket socket;

	/** How the server closed the connection. */
	public record Closed(int status, String reason) {
	}

	private RawStompSocket(URI uri) {
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(WAIT)
			.buildAsync(uri, new Listener())
			.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS)
			.join();
	}

	public static RawStompSocket open(URI uri) {
		return new RawStompSocket(uri);
	}

	/** Sends one frame: the command, its headers and body, and the NUL that ends it. */
	public RawStompSocket send(String command, String body, String... headers) {
		String frame = command + "\n" + String.join("\n", headers) + ((headers.length > 0) ? "\n" : "") + "\n"
				+ body + "\0";
		this.socket.sendText(frame, true).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
		return this;
	}

	/** A heart-beat: an end of line between frames. */
	public void beat() {
		this.socket.sendText("\n", true).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	/** CONNECT with this heart-beat header, returning the CONNECTED frame. */
	public String connect(String username, String heartBeat) {
		send("CONNECT", "", "accept-version:1.2", "host:127.0.0.1", "username:" + username, "heart-beat:" + heartBeat);
		return nextFrame();
	}

	/** WebSocket messages received so far, heart-beats included; frames may share one. */
	public int messagesReceived() {
		return this.messages.get();
	}

	/** The next frame the server sent (heart-beat newlines skipped). */
	public String nextFrame() {
		try {
			String frame = this.frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			if (frame == null) {
				fail("no frame within " + WAIT);
			}
			return frame;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The next frame already received, or {@code null} when there is none. */
	public String pollFrame() {
		return this.frames.poll();
	}

	/** Waits for the server to close the connection, failing after {@code within}. */
	public Closed awaitClosed(Duration within) {
		try {
			return this.closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("the server did not close the connection within " + within, ex);
		}
	}

	public boolean isOpen() {
		return !this.closed.isDone();
	}

	@Override
	public void close() {
		if (isOpen()) {
			this.socket.abort();
		}
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				String text = this.partial.toString();
				this.partial.setLength(0);
				RawStompSocket.this.messages.incrementAndGet();
				// One WebSocket message may carry several frames, each ending with a NUL.
				for (String frame : text.split("(?<=\u0000)")) {
					String stripped = frame.stripLeading();
					if (!stripped.isEmpty()) {
						RawStompSocket.this.frames.add(stripped);
					}
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			RawStompSocket.this.closed.complete(new Closed(statusCode, reason));
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			RawStompSocket.this.closed.complete(new Closed(-1, String.valueOf(error)));
		}

	}

}
