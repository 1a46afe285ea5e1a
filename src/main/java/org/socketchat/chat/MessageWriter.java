package org.socketchat.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.socketchat.chat.ChatProperties.GroupCommit;
import org.socketchat.chat.MessageRepository.Draft;
import org.socketchat.chat.MessageRepository.Saved;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Group commit: one thread writes every message, and the sends that arrive while an
 * insert runs go together in the next one. Under load a batch costs about what one
 * message did (one transaction on SQLite, one round trip on libSQL); when idle a send is
 * written at once, with no added wait. Each sender still gets its own result, and ids
 * follow the order sends were received.
 */
@Component
class MessageWriter implements SmartLifecycle {

	private final MessageRepository repository;

	private final GroupCommit settings;

	private final BlockingQueue<Pending> queue;

	private volatile boolean running;

	private Thread thread;

	MessageWriter(MessageRepository repository, ChatProperties properties) {
		this.repository = repository;
		this.settings = properties.groupCommit();
		this.queue = new ArrayBlockingQueue<>(this.settings.queueCapacity());
	}

	/**
	 * Stores the draft, then calls back with the result or the reason it was not stored.
	 * The writer calls back in id order, so whatever the callback publishes goes out in
	 * that order too.
	 */
	void write(Draft draft, Callback callback) {
		if (!this.settings.enabled()) {
			writeBatch(List.of(new Pending(draft, callback)));
		}
		else if (!this.running || !this.queue.offer(new Pending(draft, callback))) {
			callback.failed(new RejectedExecutionException("the server is too busy"));
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::writeUntilStopped, "message-writer");
		this.thread.start();
	}

	/** Stops taking sends and writes the ones already queued. */
	@Override
	public void stop() {
		this.running = false;
		try {
			this.thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void writeUntilStopped() {
		List<Pending> batch = new ArrayList<>(this.settings.maxBatch());
		while (this.running || !this.queue.isEmpty()) {
			try {
				Pending first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, this.settings.maxBatch() - 1);
				writeBatch(batch);
				batch.clear();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void writeBatch(List<Pending> batch) {
		List<Saved> saved;
		try {
			saved = this.repository.saveAll(batch.stream().map(Pending::draft).toList());
		}
		catch (RuntimeException ex) {
			batch.forEach((pending) -> pending.callback().failed(ex));
			return;
		}
		for (int i = 0; i < batch.size(); i++) {
			batch.get(i).callback().stored(saved.get(i));
		}
	}

	/** What to do once a draft is written. */
	interface Callback {

		void stored(Saved saved);

		void failed(Exception reason);

	}

	private record Pending(Draft draft, Callback callback) {
	}

}
