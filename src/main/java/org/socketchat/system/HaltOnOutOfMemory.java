package org.socketchat.system;

import java.util.function.IntConsumer;

/**
 * Ends the process when a thread dies of an {@link OutOfMemoryError}, however wrapped.
 * A JVM that ran out of memory has lost threads it needs (the writer, the channels) and
 * would live on answering nothing; exiting lets a supervisor start a healthy one. The
 * session caps should keep the heap from filling; this is for when they did not.
 * {@code -XX:+ExitOnOutOfMemoryError} does the same for every allocation, where the
 * command line can be chosen.
 */
public final class HaltOnOutOfMemory implements Thread.UncaughtExceptionHandler {

	static final int EXIT_CODE = 3;

	private final Thread.UncaughtExceptionHandler next;

	private final IntConsumer halt;

	HaltOnOutOfMemory(Thread.UncaughtExceptionHandler next, IntConsumer halt) {
		this.next = next;
		this.halt = halt;
	}

	/** Makes this the handler of every thread without one of its own. */
	public static void install() {
		Thread.setDefaultUncaughtExceptionHandler(
				new HaltOnOutOfMemory(Thread.getDefaultUncaughtExceptionHandler(), Runtime.getRuntime()::halt));
	}

	@Override
	public void uncaughtException(Thread thread, Throwable failure) {
		if (causedByOutOfMemory(failure)) {
			// No logging framework: it may need memory there is none of.
			System.err.println("Out of memory in thread " + thread.getName() + "; exiting");
			this.halt.accept(EXIT_CODE);
			return;
		}
		if (this.next != null) {
			this.next.uncaughtException(thread, failure);
		}
		else {
			thread.getThreadGroup().uncaughtException(thread, failure);
		}
	}

	static boolean causedByOutOfMemory(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof OutOfMemoryError) {
				return true;
			}
		}
		return false;
	}

}
