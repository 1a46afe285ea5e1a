package org.socketchat.limits;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * What is on its way to one client. Whoever sends (Spring's outbound pool, which frames
 * each session's messages in publish order) only queues the frame; a writer thread then
 * sends everything queued meanwhile as one WebSocket message, since STOMP allows several
 * frames per message and stomp.js and Spring's client split them. A burst to a session so
 * costs one write, not one per frame, and a client that reads slowly holds a writer,
 * never the outbound pool.
 *
 * <p>
 * The send limits live here because nothing above ever waits: a client whose queue
 * outgrows the buffer, or whose last write has taken longer than the send timeout, is
 * refused the frame with Spring's {@link SessionLimitExceededException}, and Spring then
 * closes it. Writes are bounded by the server's own send timeout (see SessionLimits).
 */
final class Outbox extends WebSocketSessionDecorator {

	private static final Log logger = LogFactory.getLog(Outbox.class);

	private final Executor writers;

	private final int bufferBytes;

	private final long sendTimeoutNanos;

	private final ReentrantLock lock = new ReentrantLock();

	// Guarded by lock: the frames, whether a writer has this outbox in hand, and how to
	// close once they are out.
	private final QueuedFrames queued = new QueuedFrames();

	private boolean writing;

	private CloseStatus closeWith;

	private volatile long writeStarted;

	private volatile boolean unreliable;

	private final AtomicBoolean closed = new AtomicBoolean();

	Outbox(WebSocketSession session, Executor writers, int bufferBytes, long sendTimeoutNanos) {
		super(session);
		this.writers = writers;
		this.bufferBytes = bufferBytes;
		this.sendTimeoutNanos = sendTimeoutNanos;
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		if (!(message instanceof TextMessage text)) {
			throw new IllegalArgumentException("STOMP frames go out as text, not " + message.getClass());
		}
		long started = this.writeStarted;
		if (started != 0 && System.nanoTime() - started > this.sendTimeoutNanos) {
			throw notReading("a write has taken longer than " + this.sendTimeoutNanos / 1_000_000 + " ms");
		}
		this.lock.lock();
		try {
			if (this.closeWith != null || this.unreliable) {
				return;
			}
			if (this.queued.bytes() + text.getPayloadLength() > this.bufferBytes) {
				throw notReading("more than " + this.bufferBytes + " bytes are waiting to be sent");
			}
			this.queued.add(text);
			scheduleWriter();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Frames queued before the close still go out (an ERROR frame, say), then the close;
	 * a client that does not read is closed at once, even while a write to it waits. The
	 * close runs on a writer either way: it can block, and never on whoever asked for it.
	 */
	@Override
	public void close(CloseStatus status) {
		this.lock.lock();
		try {
			if (this.closeWith != null) {
				return;
			}
			this.closeWith = status;
			if (this.unreliable) {
				this.queued.clear();
				this.writers.execute(() -> closeNow(status));
			}
			else {
				scheduleWriter();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void close() {
		close(CloseStatus.NORMAL);
	}

	private SessionLimitExceededException notReading(String why) {
		this.unreliable = true;
		return new SessionLimitExceededException("Not reading: " + why, CloseStatus.SESSION_NOT_RELIABLE);
	}

	/** Called with the lock held. */
	private void scheduleWriter() {
		if (!this.writing) {
			this.writing = true;
			this.writers.execute(this::writeOnce);
		}
	}

	/**
	 * One message's worth, then back of the line if more is queued: a writer is shared
	 * with every other client, and a busy one must not keep it.
	 */
	private void writeOnce() {
		CloseStatus close = null;
		TextMessage batch;
		this.lock.lock();
		try {
			if (this.unreliable) {
				this.queued.clear();
			}
			batch = this.queued.takeMessage();
			if (batch == null) {
				this.writing = false;
				close = this.closeWith;
			}
		}
		finally {
			this.lock.unlock();
		}
		if (batch == null) {
			if (close != null) {
				closeNow(close);
			}
			return;
		}
		this.writeStarted = System.nanoTime();
		try {
			getDelegate().sendMessage(batch);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Writing to " + getId() + " failed, closing it", ex);
			this.unreliable = true;
			closeNow(CloseStatus.SESSION_NOT_RELIABLE);
		}
		finally {
			this.writeStarted = 0;
		}
		this.lock.lock();
		try {
			this.writing = false;
			if (!this.queued.isEmpty() || this.closeWith != null) {
				scheduleWriter();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void closeNow(CloseStatus status) {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		try {
			getDelegate().close(status);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Closing " + getId() + " failed", ex);
		}
	}

}
