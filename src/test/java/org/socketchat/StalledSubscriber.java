package org.socketchat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A STOMP subscriber to {@code /topic/chat} that stops reading its socket once subscribed,
 * like a client whose network or device stalled: a plain socket with a small receive
 * buffer, so the server's writes to it block soon. (The JDK's WebSocket client keeps
 * reading into its own buffers however little the listener asks for.)
 */
public final class StalledSubscriber implements AutoCloseable {

	private static final int RECEIVE_BUFFER = 4096;

	private static final int TIMEOUT_MS = 10_000;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final String principalName;

	private StalledSubscriber(int port, String username) throws IOException {
		this.socket = new Socket();
		// Before connecting, so the window the server sees is small from the start.
		this.socket.setReceiveBufferSize(RECEIVE_BUFFER);
		this.socket.setSoTimeout(TIMEOUT_MS);
		this.socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
		this.in = this.socket.getInputStream();
		this.out = this.socket.getOutputStream();
		upgrade(port);
		send("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nusername:" + username + "\nheart-beat:0,0\n\n\0");
		String connected = nextFrame();
		this.principalName = connected.lines()
			.filter((line) -> line.startsWith("user-name:"))
			.map((line) -> line.substring("user-name:".length()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("not connected: " + connected));
		send("SUBSCRIBE\nid:chat\ndestination:/topic/chat\n\n\0");
		// Frames of a session are handled in order: the snapshot's answer proves the subscription is in place.
		send("SUBSCRIBE\nid:snapshot\ndestination:/app/presence\n\n\0");
		while (!nextFrame().contains("subscription:snapshot")) {
			// only the snapshot's answer can come before any chat message is sent
		}
	}

	static StalledSubscriber connect(int port, String username) {
		try {
			return new StalledSubscriber(port, username);
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not connect a stalled subscriber", ex);
		}
	}

	/** The principal name of the session, from its CONNECTED frame. */
	public String principalName() {
		return this.principalName;
	}

	/**
	 * Starts reading again and discards what arrives until the server's end of the
	 * connection.
	 * @return whether the connection ended within {@code within}
	 */
	public boolean endsWithin(Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		byte[] discard = new byte[64 * 1024];
		try {
			while (System.nanoTime() < deadline) {
				try {
					if (this.in.read(discard) < 0) {
						return true;
					}
				}
				catch (SocketTimeoutException ex) {
					return false;
				}
			}
			return false;
		}
		catch (IOException ex) {
			return true; // reset by the server: ended too
		}
	}

	private void upgrade(int port) throws IOException {
		byte[] key = new byte[16];
		ThreadLocalRandom.current().nextBytes(key);
		String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
				+ "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v12.stomp\r\n\r\n";
		this.out.write(request.getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int b = this.in.read();
			if (b < 0) {
				throw new IOException("closed during the upgrade: " + head.toString(StandardCharsets.US_ASCII));
			}
			head.write(b);
		}
		if (!head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
			throw new IOException("not upgraded: " + head.toString(StandardCharsets.US_ASCII));
		}
	}

	/** One masked text frame, as a client must send (RFC 6455 5.3). */
	private void send(String text) throws IOException {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0x81);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length & 0xFF);
		}
		frame.write(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		this.out.write(frame.toByteArray());
		this.out.flush();
	}

	/** The next text frame's payload, heart-beat newlines skipped. */
	private String nextFrame() throws IOException {
		while (true) {
			int opcode = readByte() & 0x0F;
			long length = readByte() & 0x7F;
			if (length == 126) {
				length = (readByte() << 8) | readByte();
			}
			else if (length == 127) {
				throw new IOException("no frame this long expected before subscribing");
			}
			String payload = new String(this.in.readNBytes((int) length), StandardCharsets.UTF_8);
			if (opcode == 0x1 && !payload.isBlank()) {
				return payload;
			}
		}
	}

	private int readByte() throws IOException {
		int b = this.in.read();
		if (b < 0) {
			throw new IOException("closed by the server");
		}
		return b;
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing a socket the server may already have dropped
		}
	}

}
