package org.socketchat.bench.stomp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketConnectionTests {

	private final Reactor reactor = new Reactor("test-reader");

	private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

	private final List<String> closes = new CopyOnWriteArrayList<>();

	private final WebSocketConnection.Listener listener = new WebSocketConnection.Listener() {

		@Override
		public void onText(String message, long receivedNanos) {
			WebSocketConnectionTests.this.messages.add(message);
		}

		@Override
		public void onClosed(String reason) {
			WebSocketConnectionTests.this.closes.add(reason);
		}

	};

	@AfterEach
	void stopReader() {
		this.reactor.close();
	}

	@Test
	void theAcceptKeyIsTheOneOfRfc6455() {
		assertThat(WebSocketConnection.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
	}

	@Test
	void clientFramesAreMaskedWithTheirLengthInTheRightForm() {
		ByteBuffer small = WebSocketConnection.encodeFrame(0x1, "hi".getBytes(StandardCharsets.US_ASCII), 0x01020304);
		assertThat(small.remaining()).isEqualTo(2 + 4 + 2);
		assertThat(small.get(0) & 0xFF).isEqualTo(0x81); // FIN + text
		assertThat(small.get(1) & 0xFF).isEqualTo(0x80 | 2); // masked, length 2
		assertThat(small.get(6)).isEqualTo((byte) ('h' ^ 0x01));
		assertThat(small.get(7)).isEqualTo((byte) ('i' ^ 0x02));
		ByteBuffer medium = WebSocketConnection.encodeFrame(0x1, new byte[300], 0);
		assertThat(medium.get(1) & 0x7F).isEqualTo(126);
		assertThat(medium.getShort(2) & 0xFFFF).isEqualTo(300);
		assertThat(medium.remaining()).isEqualTo(4 + 4 + 300);
	}

	@Test
	void readsWholeSplitAndFragmentedMessagesAndAnswersPings() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws");
			Thread serverSide = new Thread(() -> serve(server), "test-server");
			serverSide.setDaemon(true);
			serverSide.start();
			WebSocketConnection connection = WebSocketConnection.open(uri, "v12.stomp", Duration.ofSeconds(5), 0,
					this.reactor, this.listener);
			assertThat(next()).isEqualTo("small");
			assertThat(next()).isEqualTo("x".repeat(300)); // 16-bit length, sent in two pieces
			assertThat(next()).isEqualTo("frag" + "mented"); // two frames, one message
			connection.sendText("client says hi");
			assertThat(next()).isEqualTo("echo: client says hi"); // after the server's ping got its pong
			serverSide.join(5_000);
			assertThat(this.closes).hasSize(1).first().asString().contains("1000");
			assertThat(connection.isOpen()).isFalse();
		}
	}

	@Test
	void aPausedConnectionReadsNothingUntilResumedThenWhatWaited() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws");
			BlockingQueue<Integer> peerPort = new LinkedBlockingQueue<>();
			CountDownLatch paused = new CountDownLatch(1);
			Thread serverSide = new Thread(() -> {
				try (Socket socket = server.accept()) {
					peerPort.add(socket.getPort());
					upgrade(socket);
					socket.getOutputStream().write(frame(0x81, "before"));
					paused.await(5, TimeUnit.SECONDS);
					socket.getOutputStream().write(frame(0x81, "while paused"));
					socket.getOutputStream().write(new byte[] { (byte) 0x88, 2, 0x11, (byte) 0x94 }); // close 4500
					Thread.sleep(2_000);
				}
				catch (IOException | InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			}, "test-server");
			serverSide.setDaemon(true);
			serverSide.start();
			WebSocketConnection connection = WebSocketConnection.open(uri, "v12.stomp", Duration.ofSeconds(5), 4096,
					this.reactor, this.listener);
			assertThat(next()).isEqualTo("before");
			assertThat(connection.localPort()).isEqualTo(peerPort.poll(5, TimeUnit.SECONDS));
			connection.pauseReading();
			paused.countDown();
			assertThat(this.messages.poll(300, TimeUnit.MILLISECONDS)).as("nothing read while paused").isNull();
			assertThat(this.closes).isEmpty();
			connection.resumeReading();
			assertThat(next()).isEqualTo("while paused");
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (this.closes.isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(this.closes).containsExactly("closed by server: 4500 ");
			serverSide.join(5_000);
		}
	}

	private String next() throws InterruptedException {
		String message = this.messages.poll(5, TimeUnit.SECONDS);
		assertThat(message).as("a message within 5 s").isNotNull();
		return message;
	}

	/** A tiny WebSocket server with just the behaviour under test. */
	private static void serve(ServerSocket server) {
		try (Socket socket = server.accept()) {
			socket.setTcpNoDelay(true);
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			upgrade(socket);
			out.write(frame(0x81, "small"));
			byte[] medium = frame(0x81, "x".repeat(300));
			out.write(medium, 0, 100);
			out.flush();
			Thread.sleep(50); // the reader sees a cut frame first
			out.write(medium, 100, medium.length - 100);
			out.write(frame(0x01, "frag"));
			out.write(frame(0x80, "mented"));
			out.write(frame(0x89, "are you there"));
			out.flush();
			// The pong (from the reading thread) and the text (from the test) may come in either order.
			Map<Integer, String> frames = new HashMap<>();
			for (int i = 0; i < 2; i++) {
				int opcode = in.read() & 0x0F;
				frames.put(opcode, new String(readClientPayload(in), StandardCharsets.UTF_8));
			}
			if (!"are you there".equals(frames.get(0xA))) {
				throw new IllegalStateException("no pong: " + frames);
			}
			out.write(frame(0x81, "echo: " + frames.get(0x1)));
			out.write(new byte[] { (byte) 0x88, 2, 0x03, (byte) 0xE8 }); // close 1000
			out.flush();
			Thread.sleep(200);
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Answers the client's upgrade request. */
	private static void upgrade(Socket socket) throws IOException {
		String head = readHead(socket.getInputStream());
		Matcher key = Pattern.compile("Sec-WebSocket-Key: (\\S+)").matcher(head);
		key.find();
		socket.getOutputStream()
			.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Accept: " + WebSocketConnection.accept(key.group(1)) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			head.write(in.read());
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	/** An unmasked server frame with a 7- or 16-bit length. */
	private static byte[] frame(int firstByte, String text) {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		ByteBuffer frame = ByteBuffer.allocate(4 + payload.length).put((byte) firstByte);
		if (payload.length < 126) {
			frame.put((byte) payload.length);
		}
		else {
			frame.put((byte) 126).putShort((short) payload.length);
		}
		frame.put(payload);
		return Arrays.copyOf(frame.array(), frame.position());
	}

	/** The rest of a client frame after its first byte: masked, short frames only here. */
	private static byte[] readClientPayload(InputStream in) throws IOException {
		int length = in.read() & 0x7F;
		byte[] mask = in.readNBytes(4);
		byte[] payload = in.readNBytes(length);
		for (int i = 0; i < length; i++) {
			payload[i] ^= mask[i & 3];
		}
		return payload;
	}

}
