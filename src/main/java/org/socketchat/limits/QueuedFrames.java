package org.socketchat.limits;

import java.util.ArrayDeque;

import org.springframework.web.socket.TextMessage;

/**
 * The STOMP frames waiting for one client, taken out as WebSocket messages of several
 * frames each. Not thread-safe: its {@link Outbox} guards it.
 */
final class QueuedFrames {

	/**
	 * What frames put together may come to. WebSocket clients buffer a whole text message,
	 * and the JDK's and Tomcat's close the connection (1009) when one exceeds their default
	 * 8,192 characters; a frame bigger than this still goes out, alone, as it always did.
	 */
	static final int MESSAGE_BYTES = 8 * 1024;

	/** A heart-beat: an EOL alone. stomp.js reads it only alone, never before a frame. */
	private static final String HEART_BEAT = "\n";

	private final ArrayDeque<TextMessage> frames = new ArrayDeque<>(4);

	private int bytes;

	void add(TextMessage frame) {
		this.frames.add(frame);
		this.bytes += frame.getPayloadLength();
	}

	/** The bytes of all the frames waiting. */
	int bytes() {
		return this.bytes;
	}

	boolean isEmpty() {
		return this.frames.isEmpty();
	}

	void clear() {
		this.frames.clear();
		this.bytes = 0;
	}

	/**
	 * The frames at the head, as many as fit in {@link #MESSAGE_BYTES}, as one message (a
	 * single frame as it is); {@code null} when none waits. A heart-beat beside frames
	 * says nothing they do not, and is left out.
	 */
	TextMessage takeMessage() {
		TextMessage first = poll();
		if (first == null) {
			return null;
		}
		TextMessage next = this.frames.peek();
		if (next == null || first.getPayloadLength() + next.getPayloadLength() > MESSAGE_BYTES) {
			return first;
		}
		StringBuilder message = new StringBuilder(Math.min(MESSAGE_BYTES, first.getPayloadLength() + this.bytes));
		int taken = 0;
		for (TextMessage frame = first; frame != null; frame = fitsAfter(taken) ? poll() : null) {
			taken += frame.getPayloadLength();
			if (!HEART_BEAT.equals(frame.getPayload())) {
				message.append(frame.getPayload());
			}
		}
		return new TextMessage((message.length() > 0) ? message : HEART_BEAT);
	}

	private boolean fitsAfter(int taken) {
		TextMessage next = this.frames.peek();
		return next != null && taken + next.getPayloadLength() <= MESSAGE_BYTES;
	}

	private TextMessage poll() {
		TextMessage frame = this.frames.poll();
		if (frame != null) {
			this.bytes -= frame.getPayloadLength();
		}
		return frame;
	}

}
