package org.socketchat.limits;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.socketchat.chat.ChatProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What one client, or one address, may use of the server. The defaults suit a public chat
 * where a whole office may share one address; load tests raise them by these names
 * ({@code CHAT_LIMITS_SESSIONS_PER_ADDRESS=100000}).
 *
 * @param sessions most WebSocket/SockJS sessions at once; unset, sized from the heap
 * @param sessionsPerAddress most sessions at once from one remote address
 * @param messagesPerSecond chat messages a session may send per second, sustained
 * @param messageBurst chat messages a session may send at once before the rate applies
 * @param restRequestsPerSecond REST API requests per second from one remote address
 * @param connectTimeout how long a new connection may go without sending CONNECT
 * @param idleTimeout how long a session without heart-beats may send nothing
 * @param sendTimeout how long one write to a client may take before that client is
 * closed as not reading
 * @param sendBuffer most bytes waiting to be written to one client; unset, a full
 * group-commit batch of the longest messages, so a burst closes no one who reads
 * @param typingInterval how often a session's typing signals reach one room at most
 */
@Validated
@ConfigurationProperties("chat.limits")
record LimitsProperties(@Positive Integer sessions, @DefaultValue("200") @Positive int sessionsPerAddress,
		@DefaultValue("5") @Positive int messagesPerSecond, @DefaultValue("20") @Positive int messageBurst,
		@DefaultValue("50") @Positive int restRequestsPerSecond,
		@DefaultValue("10s") @DurationMin(millis = 100) Duration connectTimeout,
		@DefaultValue("60s") @DurationMin(millis = 100) Duration idleTimeout,
		@DefaultValue("5s") @DurationMin(millis = 100) @DurationMax(days = 1) Duration sendTimeout,
		DataSize sendBuffer, @DefaultValue("2s") @DurationMin(millis = 100) Duration typingInterval) {

	/**
	 * Measured on Jetty: an idle session holds about 20 KiB of heap. Counting 48 KiB each
	 * keeps more than half the heap for the rest and still admits 10,000 sessions in
	 * {@code -Xmx512m} (docs/PERFORMANCE.md).
	 */
	static final long HEAP_PER_SESSION = 48 * 1024;

	/** The send buffer: as set, or room for the largest burst the chat can broadcast. */
	int sendBufferBytes(ChatProperties chat) {
		return (int) Math.min(Integer.MAX_VALUE,
				(this.sendBuffer != null) ? this.sendBuffer.toBytes() : chat.largestBatchBytes());
	}

	/** The total cap: as set, or what the heap can hold. */
	int sessionCap() {
		return (this.sessions != null) ? this.sessions
				: (int) Math.max(1, Runtime.getRuntime().maxMemory() / HEAP_PER_SESSION);
	}

}
