package org.socketchat.bench.stomp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The client side of one RFC 6455 WebSocket, text messages only: an HTTP upgrade on a
 * blocking socket, then non-blocking reads by a {@link Reactor} and masked frame writes by
 * the sending thread. Lean on purpose (the JDK's client cost the tool about 10 µs of CPU
 * per delivered message, as much as a third of the server's): no per-message thread
 * hand-off, no buffer per idle connection.
 */
final class WebSocketConnection {

	/** Gets each complete text message, and once the end of the connection. */
	interface Listener {

		/** On the reactor thread; must not block. */
		void onText(String message, long receivedNanos);

		void onClosed(String reason);

	}

	private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private static final int OP_CONTINUATION = 0x0;

	private static final int OP_TEXT = 0x1;

	private static final int OP_CLOSE = 0x8;

	private static final int OP_PING = 0x9;

	private static final int OP_PONG = 0xA;

	private static final long WRITE_TIMEOUT_NANOS = Duration.ofSeconds(10).toNanos();

	private final SocketChannel channel;

	private final Listener listener;

	/** Bytes of a frame cut by the end of a read, kept for the next one; null when none. */
	private ByteBuffer partialFrame;

	/** A text message split over several frames; null when none. */
	private ByteBuffer partialMessage;

	private volatile boolean closed;

	/** Set on the reactor thread once registered; pauses and resumes reading through it. */
	private volatile SelectionKey key;

	private volatile boolean paused;

	private WebSocketConnection(SocketChannel channel, Listener listener) {
		this.channel = channel;
		this.listener = listener;
	}

	/**
	 * Connects, upgrades to a WebSocket with this subprotocol, and hands reading to the reactor.
	 * @param receiveBuffer the socket's receive buffer in bytes, set before connecting so the
	 * window the server sees is that small from the start; 0 leaves the system's (autotuned)
	 */
	static WebSocketConnection open(URI uri, String subprotocol, Duration timeout, int receiveBuffer,
			Reactor reactor, Listener listener) throws IOException {
		SocketChannel channel = SocketChannel.open();
		try {
			channel.socket().setTcpNoDelay(true);
			if (receiveBuffer > 0) {
				channel.socket().setReceiveBufferSize(receiveBuffer);
			}
			int port = (uri.getPort() > 0) ? uri.getPort() : 80;
			channel.socket().connect(new InetSocketAddress(uri.getHost(), port), (int) timeout.toMillis());
			channel.socket().setSoTimeout((int) timeout.toMillis());
			handshake(channel, uri, subprotocol);
			channel.configureBlocking(false);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
		WebSocketConnection connection = new WebSocketConnection(channel, listener);
		reactor.register(connection);
		return connection;
	}

	private static void handshake(SocketChannel channel, URI uri, String subprotocol) throws IOException {
		byte[] nonce = new byte[16];
		ThreadLocalRandom.current().nextBytes(nonce);
		String key = Base64.getEncoder().encodeToString(nonce);
		String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getAuthority()
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
				+ "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: " + subprotocol + "\r\n\r\n";
		OutputStream out = channel.socket().getOutputStream();
		out.write(request.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		String response = readHead(channel.socket().getInputStream());
		if (!response.startsWith("HTTP/1.1 101")) {
			throw new IOException("WebSocket upgrade refused: " + response.lines().findFirst().orElse(response));
		}
		if (!response.toLowerCase().contains("sec-websocket-accept: " + accept(key).toLowerCase())) {
			throw new IOException("WebSocket upgrade answered with a wrong Sec-WebSocket-Accept");
		}
	}

	/** The response head, read byte by byte so nothing after it is consumed. */
	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder(256);
		while (head.length() < 16_384) { // a head is a few hundred bytes
			int b = in.read();
			if (b < 0) {
				throw new EOFException("connection closed during the WebSocket upgrade");
			}
			head.append((char) b);
			int n = head.length();
			if (n >= 4 && head.charAt(n - 4) == '\r' && head.charAt(n - 3) == '\n' && head.charAt(n - 2) == '\r'
					&& head.charAt(n - 1) == '\n') {
				return head.toString();
			}
		}
		throw new IOException("WebSocket upgrade response head too long");
	}

	static String accept(String key) {
		try {
			byte[] sha1 = MessageDigest.getInstance("SHA-1")
				.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(sha1);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void registerWith(Selector selector) {
		try {
			this.key = this.channel.register(selector, this.paused ? 0 : SelectionKey.OP_READ, this);
		}
		catch (ClosedChannelException ex) {
			end("closed before reading began");
		}
	}

	/** Sends one text message in one frame; blocks (bounded) while the socket is full. */
	synchronized void sendText(String text) throws IOException {
		writeFrame(OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	/** Starts a normal close and closes the socket; the server learns it either way. */
	void close() {
		if (!this.closed) {
			synchronized (this) {
				try {
					writeFrame(OP_CLOSE, new byte[] { 0x03, (byte) 0xE8 }); // 1000, normal closure
				}
				catch (IOException ex) {
					// closing anyway
				}
			}
		}
		end("closed by the bench");
	}

	/** Drops the TCP connection without a close frame, as a network cut or a killed tab does. */
	void abort() {
		end("aborted by the bench");
	}

	boolean isOpen() {
		return !this.closed;
	}

	/**
	 * Stops reading, as a client whose device or network stalled: what the server sends
	 * fills the socket's buffers and then waits in the server. A read already under way ends first.
	 */
	void pauseReading() {
		this.paused = true;
		interest(0);
	}

	/** Reads again, from where it stopped. */
	void resumeReading() {
		this.paused = false;
		interest(SelectionKey.OP_READ);
	}

	private void interest(int ops) {
		SelectionKey registered = this.key;
		if (registered != null && registered.isValid()) {
			try {
				registered.interestOps(ops);
				registered.selector().wakeup();
			}
			catch (CancelledKeyException ex) {
				// closed meanwhile: nothing left to read
			}
		}
	}

	/** The local TCP port, which names this connection in the kernel's socket tables. */
	int localPort() {
		return this.channel.socket().getLocalPort();
	}

	private void writeFrame(int opcode, byte[] payload) throws IOException {
		ByteBuffer frame = encodeFrame(opcode, payload, ThreadLocalRandom.current().nextInt());
		long deadline = System.nanoTime() + WRITE_TIMEOUT_NANOS;
		while (frame.hasRemaining()) { // until written, or the deadline below
			if (this.channel.write(frame) == 0) {
				if (System.nanoTime() > deadline) {
					throw new IOException("socket not writable for 10 s: the server does not read");
				}
				LockSupport.parkNanos(50_000); // the server is slow to read: TCP back-pressure
			}
		}
	}

	/** A final client frame: masked, as RFC 6455 requires of clients. */
	static ByteBuffer encodeFrame(int opcode, byte[] payload, int mask) {
		int length = payload.length;
		int header = (length < 126) ? 2 : (length < 65_536) ? 4 : 10;
		ByteBuffer frame = ByteBuffer.allocate(header + 4 + length);
		frame.put((byte) (0x80 | opcode));
		if (length < 126) {
			frame.put((byte) (0x80 | length));
		}
		else if (length < 65_536) {
			frame.put((byte) (0x80 | 126)).putShort((short) length);
		}
		else {
			frame.put((byte) (0x80 | 127)).putLong(length);
		}
		frame.putInt(mask);
		byte[] key = { (byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask };
		for (int i = 0; i < length; i++) {
			frame.put((byte) (payload[i] ^ key[i & 3]));
		}
		return frame.flip();
	}

	/** On the reactor thread: reads what is there and delivers every complete message. */
	void onReadable(ByteBuffer buffer, long receivedNanos) {
		try {
			for (int reads = 0; reads < 16; reads++) { // then let the other connections have a turn
				// A pause may come between the select and here, or between two reads.
				if (this.paused) {
					return;
				}
				buffer.clear();
				int n = this.channel.read(buffer);
				if (n < 0) {
					end("closed by server (end of stream)");
					return;
				}
				if (n == 0) {
					return;
				}
				buffer.flip();
				ByteBuffer data = buffer;
				if (this.partialFrame != null) {
					data = append(this.partialFrame, buffer).flip();
					this.partialFrame = null;
				}
				readFrames(data, receivedNanos);
				if (data.hasRemaining()) {
					this.partialFrame = append(null, data);
				}
			}
		}
		catch (IOException ex) {
			end("I/O error: " + ex.getMessage());
		}
	}

	/** Consumes every whole frame in {@code data}; leaves a cut one's bytes unread. */
	private void readFrames(ByteBuffer data, long receivedNanos) throws IOException {
		while (data.remaining() >= 2) { // each pass consumes one frame or stops
			int start = data.position();
			int first = data.get(start) & 0xFF;
			int second = data.get(start + 1) & 0xFF;
			int lengthBytes = ((second & 0x7F) == 126) ? 2 : ((second & 0x7F) == 127) ? 8 : 0;
			int maskBytes = ((second & 0x80) != 0) ? 4 : 0; // servers do not mask, but be exact
			int headerLength = 2 + lengthBytes + maskBytes;
			if (data.remaining() < headerLength) {
				return;
			}
			long length = (lengthBytes == 0) ? (second & 0x7F)
					: (lengthBytes == 2) ? (data.getShort(start + 2) & 0xFFFF) : data.getLong(start + 2);
			if (length > 64L * 1024 * 1024) {
				throw new IOException("frame of " + length + " bytes: not a chat message");
			}
			if (data.remaining() < headerLength + length) {
				return;
			}
			byte[] payload = new byte[(int) length];
			data.position(start + headerLength);
			data.get(payload);
			if (maskBytes > 0) {
				for (int i = 0; i < payload.length; i++) {
					payload[i] ^= data.get(start + 2 + lengthBytes + (i & 3));
				}
			}
			onFrame(first & 0x0F, (first & 0x80) != 0, payload, receivedNanos);
		}
	}

	private void onFrame(int opcode, boolean fin, byte[] payload, long receivedNanos) throws IOException {
		switch (opcode) {
			case OP_TEXT, OP_CONTINUATION -> {
				if (fin && this.partialMessage == null) {
					this.listener.onText(new String(payload, StandardCharsets.UTF_8), receivedNanos);
					return;
				}
				this.partialMessage = append(this.partialMessage, ByteBuffer.wrap(payload));
				if (fin) {
					ByteBuffer whole = this.partialMessage.flip();
					this.partialMessage = null;
					this.listener.onText(new String(whole.array(), 0, whole.limit(), StandardCharsets.UTF_8),
							receivedNanos);
				}
			}
			case OP_PING -> {
				synchronized (this) {
					writeFrame(OP_PONG, payload);
				}
			}
			case OP_CLOSE -> {
				int code = (payload.length >= 2) ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
				String reason = (payload.length > 2) ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
						: "";
				end("closed by server: " + code + " " + reason);
			}
			default -> {
				// pong or binary: nothing the chat sends us needs them
			}
		}
	}

	/** {@code into} (in write mode, may be null) with {@code more}'s remaining bytes appended. */
	private static ByteBuffer append(ByteBuffer into, ByteBuffer more) {
		if (into == null) {
			ByteBuffer copy = ByteBuffer.allocate(Math.max(256, more.remaining() * 2));
			return copy.put(more);
		}
		if (into.remaining() < more.remaining()) {
			ByteBuffer bigger = ByteBuffer.allocate((into.position() + more.remaining()) * 2);
			into.flip();
			into = bigger.put(into);
		}
		return into.put(more);
	}

	private void end(String reason) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// closed anyway
		}
		this.listener.onClosed(reason);
	}

}
