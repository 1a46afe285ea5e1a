package org.socketchat.storage;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * A JdbcTemplate whose queries give up after {@code chat.storage.query-timeout}. The libsql
 * driver sets no request timeout, so a server that accepts a request and never answers
 * would hold the writer, and every send behind it, until the OS gives up. Each query runs
 * on a thread of its own pool and is interrupted (the JDK's HTTP client then lets go) when
 * the time is up; the caller gets a {@link QueryTimeoutException} at once. Every query
 * with arguments ends in the one method overridden here, and every repository call is
 * one (inserts are {@code RETURNING} queries); queries without arguments, updates and
 * batches are not bounded. The call runs on another thread, so it takes part in no
 * transaction of the caller's (the repository uses none). On SQLite, whose calls cannot
 * be interrupted, the busy timeout bounds them instead.
 * <p>
 * A request given up on may still reach the server and run: its senders, told the message
 * was not stored, retry with the same clientId and get the stored copy; the others see
 * that message only through the backlog.
 */
class TimeBoundJdbcTemplate extends JdbcTemplate implements DisposableBean {

	/** Calls waiting on a server that does not answer; more are refused, not queued. */
	private static final int MAX_CALLS = 64;

	private final Duration timeout;

	private final ThreadPoolExecutor calls = new ThreadPoolExecutor(0, MAX_CALLS, 60, TimeUnit.SECONDS,
			new SynchronousQueue<>(), new CustomizableThreadFactory("db-call-"));

	TimeBoundJdbcTemplate(DataSource dataSource, Duration timeout) {
		super(dataSource);
		this.timeout = timeout;
	}

	@Override
	public <T> T query(PreparedStatementCreator statement, PreparedStatementSetter parameters,
			ResultSetExtractor<T> extractor) {
		Future<T> call;
		try {
			call = this.calls.submit(() -> super.query(statement, parameters, extractor));
		}
		catch (RejectedExecutionException ex) {
			throw new TransientDataAccessResourceException(MAX_CALLS + " database calls are waiting already");
		}
		try {
			return call.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			call.cancel(true);
			throw new QueryTimeoutException("no answer from the database within " + this.timeout.toMillis() + " ms");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			call.cancel(true);
			Thread.currentThread().interrupt();
			throw new QueryTimeoutException("interrupted while waiting for the database");
		}
	}

	@Override
	public void destroy() {
		this.calls.shutdownNow();
	}

}
