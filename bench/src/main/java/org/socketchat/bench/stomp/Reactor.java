package org.socketchat.bench.stomp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One thread that reads every WebSocket connection registered with it: a selector and one
 * shared read buffer, so a thousand idle sessions cost the tool no buffer each and a busy
 * one no thread hand-off per message. Runs until {@link #close()}.
 */
final class Reactor implements AutoCloseable {

	private final Selector selector;

	private final Thread thread;

	private final Queue<WebSocketConnection> registrations = new ConcurrentLinkedQueue<>();

	private final ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);

	private volatile boolean open = true;

	Reactor(String name) {
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.thread = new Thread(this::run, name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	void register(WebSocketConnection connection) {
		this.registrations.add(connection);
		this.selector.wakeup();
	}

	private void run() {
		while (this.open) { // until close()
			try {
				this.selector.select(500);
			}
			catch (IOException ex) {
				return;
			}
			for (WebSocketConnection added = this.registrations.poll(); added != null; added = this.registrations
				.poll()) {
				added.registerWith(this.selector);
			}
			long now = System.nanoTime();
			for (SelectionKey key : this.selector.selectedKeys()) {
				WebSocketConnection connection = (WebSocketConnection) key.attachment();
				try {
					if (key.isReadable()) {
						connection.onReadable(this.buffer, now);
					}
				}
				catch (CancelledKeyException ex) {
					// closed meanwhile by another thread
				}
			}
			this.selector.selectedKeys().clear();
		}
	}

	@Override
	public void close() {
		this.open = false;
		this.selector.wakeup();
		try {
			this.thread.join(5_000);
			this.selector.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
