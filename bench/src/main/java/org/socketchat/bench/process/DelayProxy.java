package org.socketchat.bench.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP proxy that holds every chunk of bytes for a fixed time in each direction,
 * in order, per connection: with 10 ms each way, a database on loopback answers like one
 * in another region (20 ms round trip). Bandwidth is not limited; only latency is added.
 */
public final class DelayProxy implements AutoCloseable {

	/** End of one direction's stream, queued behind the bytes before it. */
	private static final byte[] END = new byte[0];

	private final ServerSocket server;

	private final InetSocketAddress upstream;

	private final long delayNanos;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	/**
	 * @param upstream where to forward (loopback)
	 * @param oneWay the delay added to each direction, half the round trip
	 */
	public DelayProxy(InetSocketAddress upstream, Duration oneWay) {
		if (!upstream.getAddress().isLoopbackAddress()) {
			throw new IllegalArgumentException("the proxy forwards to loopback only, not " + upstream);
		}
		this.upstream = upstream;
		this.delayNanos = oneWay.toNanos();
		try {
			this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		daemon("delay-proxy-accept", this::acceptUntilClosed).start();
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Runs until {@link #close()} closes the server socket. */
	private void acceptUntilClosed() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket target = new Socket(this.upstream.getAddress(), this.upstream.getPort());
				client.setTcpNoDelay(true);
				target.setTcpNoDelay(true);
				this.sockets.add(client);
				this.sockets.add(target);
				pipe(client, target, "up");
				pipe(target, client, "down");
			}
			catch (IOException ex) {
				// The server socket closed (we are done) or one connection failed: go on or stop.
			}
		}
	}

	/** Two threads per direction: one reads and stamps, one waits out the delay and writes. */
	private void pipe(Socket from, Socket to, String name) {
		BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
		daemon("delay-proxy-read-" + name, () -> read(from, queue)).start();
		daemon("delay-proxy-write-" + name, () -> write(queue, from, to)).start();
	}

	private void read(Socket from, BlockingQueue<Chunk> queue) {
		byte[] buffer = new byte[64 * 1024];
		try {
			// Not closed here: closing a socket's stream closes the socket, and the other
			// direction may still be sending (a half-closed connection).
			InputStream in = from.getInputStream();
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) { // ends with the socket
				queue.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + this.delayNanos));
			}
		}
		catch (IOException ex) {
			// Closed under us: treat as the end of the stream.
		}
		queue.add(new Chunk(END, System.nanoTime() + this.delayNanos));
	}

	private void write(BlockingQueue<Chunk> queue, Socket from, Socket to) {
		try {
			OutputStream out = to.getOutputStream();
			while (!to.isClosed()) { // ends at END or when the connection is closed
				Chunk chunk = queue.poll(1, TimeUnit.SECONDS);
				if (chunk == null) {
					continue;
				}
				long wait = chunk.releaseNanos - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				if (chunk.bytes == END) {
					to.shutdownOutput();
					if (from.isOutputShutdown() || from.isClosed()) {
						closeQuietly(from);
						closeQuietly(to);
					}
					return;
				}
				out.write(chunk.bytes);
				out.flush();
			}
		}
		catch (IOException ex) {
			closeQuietly(from);
			closeQuietly(to);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Chunk(byte[] bytes, long releaseNanos) {
	}

	private static Thread daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// already closed
		}
		this.sockets.forEach(DelayProxy::closeQuietly);
	}

}
