package org.socketchat.bench.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DelayProxyTests {

	private ServerSocket echoServer;

	@BeforeEach
	void startEchoServer() throws IOException {
		this.echoServer = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
		Thread echo = new Thread(() -> {
			try (Socket socket = this.echoServer.accept()) {
				socket.setTcpNoDelay(true);
				InputStream in = socket.getInputStream();
				OutputStream out = socket.getOutputStream();
				byte[] buffer = new byte[8192];
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					out.write(buffer, 0, n);
					out.flush();
				}
			}
			catch (IOException ex) {
				// the test closed the server
			}
		}, "echo");
		echo.setDaemon(true);
		echo.start();
	}

	@AfterEach
	void stopEchoServer() throws IOException {
		this.echoServer.close();
	}

	@Test
	void aRoundTripTakesTheDelayTwice() throws IOException {
		try (DelayProxy proxy = new DelayProxy(upstream(), Duration.ofMillis(50));
				Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
			client.setSoTimeout(5_000);
			long start = System.nanoTime();
			client.getOutputStream().write('x');
			assertThat(client.getInputStream().read()).isEqualTo('x');
			long millis = (System.nanoTime() - start) / 1_000_000;
			assertThat(millis).isBetween(100L, 1_000L);
		}
	}

	@Test
	void bytesArriveWholeAndInOrderAndTheEndOfStreamFollowsThem() throws IOException {
		StringBuilder expected = new StringBuilder();
		try (DelayProxy proxy = new DelayProxy(upstream(), Duration.ofMillis(10));
				Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
			client.setSoTimeout(10_000);
			client.setTcpNoDelay(true);
			OutputStream out = client.getOutputStream();
			for (int i = 0; i < 300; i++) {
				String chunk = "chunk-" + i + ";";
				expected.append(chunk);
				out.write(chunk.getBytes(StandardCharsets.US_ASCII));
				if (i % 50 == 0) {
					out.flush();
				}
			}
			client.shutdownOutput(); // the echo server then ends, and so does our input
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			client.getInputStream().transferTo(received);
			assertThat(received.toString(StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
		}
	}

	@Test
	void forwardsToLoopbackOnly() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DelayProxy(new InetSocketAddress("192.0.2.1", 80), Duration.ofMillis(10)));
	}

	private InetSocketAddress upstream() {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), this.echoServer.getLocalPort());
	}

}
