package org.socketchat.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy that can stop forwarding without closing anything: connections
 * stay open and silent, as behind a network that black-holes packets.
 */
final class StallingProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int upstreamPort;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile boolean stalled;

	StallingProxy(int upstreamPort) {
		this.upstreamPort = upstreamPort;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		daemon(this::acceptUntilClosed);
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	/** From now on no byte goes through, either way, until {@link #resume()}. */
	void stall() {
		this.stalled = true;
	}

	void resume() {
		this.stalled = false;
	}

	private void acceptUntilClosed() {
		try {
			while (true) {
				Socket client = this.server.accept();
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.upstreamPort);
				this.sockets.add(client);
				this.sockets.add(upstream);
				daemon(() -> pump(client, upstream));
				daemon(() -> pump(upstream, client));
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[8192];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			while (true) {
				while (this.stalled) {
					Thread.sleep(10);
				}
				int read = in.read(buffer);
				if (read < 0) {
					return;
				}
				while (this.stalled) {
					Thread.sleep(10);
				}
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException | InterruptedException ex) {
			// one side closed
		}
	}

	private static void daemon(Runnable task) {
		Thread thread = new Thread(task, "stalling-proxy");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
