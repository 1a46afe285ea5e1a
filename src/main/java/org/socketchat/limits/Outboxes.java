package org.socketchat.limits;

import org.socketchat.chat.ChatProperties;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/** Gives every session an {@link Outbox}, all of them written by one pool of writers. */
@Component
class Outboxes implements WebSocketHandlerDecoratorFactory, DisposableBean {

	/**
	 * Enough that the few held by clients that stopped reading (each for at most the send
	 * timeout, one per client) leave plenty for everyone else.
	 */
	static final int WRITERS = 64;

	private final ThreadPoolTaskExecutor writers;

	private final int bufferBytes;

	private final long sendTimeoutNanos;

	Outboxes(LimitsProperties limits, ChatProperties chat) {
		this.writers = new ThreadPoolTaskExecutor();
		this.writers.setCorePoolSize(WRITERS);
		this.writers.setAllowCoreThreadTimeOut(true);
		this.writers.setThreadNamePrefix("outbox-");
		this.writers.initialize();
		this.bufferBytes = limits.sendBufferBytes(chat);
		this.sendTimeoutNanos = limits.sendTimeout().toNanos();
	}

	@Override
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				super.afterConnectionEstablished(new Outbox(session, Outboxes.this.writers, Outboxes.this.bufferBytes,
						Outboxes.this.sendTimeoutNanos));
			}

		};
	}

	@Override
	public void destroy() {
		this.writers.shutdown();
	}

	/** What one client may have waiting in its outbox before it is closed as not reading. */
	int bufferBytes() {
		return this.bufferBytes;
	}

	/** No writer busy and none waiting: what was queued has gone out (or failed). */
	boolean idle() {
		return SessionLimits.idle(this.writers);
	}

}
