package org.socketchat.limits;

import java.io.IOException;
import java.time.Duration;

import org.eclipse.jetty.websocket.api.Session;

import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * A session as STOMP writes to it, with the time its current write began. Jetty puts no
 * limit on a blocking write (Tomcat had one): a client that stops reading, its socket
 * full, would hold the thread writing to it until the connection died of something else.
 * {@link SessionLimits}' sweep drops such a connection once a write has taken longer than
 * the send timeout.
 */
final class TimedWrites extends WebSocketSessionDecorator {

	private static final long NOT_WRITING = 0;

	private volatile long writingSince = NOT_WRITING;

	private volatile boolean dropped;

	TimedWrites(WebSocketSession session) {
		super(session);
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		// Odd, so never NOT_WRITING; a nanosecond off does not matter.
		this.writingSince = System.nanoTime() | 1;
		try {
			super.sendMessage(message);
		}
		finally {
			this.writingSince = NOT_WRITING;
		}
	}

	boolean writingLongerThan(Duration timeout, long now) {
		long since = this.writingSince;
		return since != NOT_WRITING && now - since > timeout.toNanos();
	}

	boolean dropped() {
		return this.dropped;
	}

	/**
	 * Drops the connection. A close frame would wait behind the write that does not move;
	 * dropping fails that write, which frees its thread, and STOMP hears of the end as of
	 * any other.
	 * @return whether it could: SockJS's HTTP transports write through responses, which
	 * the outbox's limits cover (its buffer, and a frame refused once a write has taken
	 * longer than the send timeout)
	 */
	boolean abort() {
		if (WebSocketSessionDecorator.unwrap(getDelegate()) instanceof NativeWebSocketSession nativeSession
				&& nativeSession.getNativeSession() instanceof Session jetty) {
			this.dropped = true;
			jetty.disconnect();
			return true;
		}
		return false;
	}

}
