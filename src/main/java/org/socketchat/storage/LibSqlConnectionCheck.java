package org.socketchat.storage;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.socketchat.storage.StorageProperties.Turso;

/**
 * Opens one connection to the libSQL server before the pool does, so a bad URL, token or
 * network fails the start with a message that names the setting to fix. The driver has
 * no timeouts of its own, hence the bounded wait.
 */
final class LibSqlConnectionCheck {

	private static final String URL_ACTION = "Check TURSO_DATABASE_URL and that the server is up and reachable.";

	private static final String TOKEN_ACTION = "Set TURSO_AUTH_TOKEN to a current token for this database "
			+ "(turso db tokens create NAME).";

	private LibSqlConnectionCheck() {
	}

	static void verify(String jdbcUrl, Turso turso, Duration timeout) {
		String server = LibSqlUrl.displayable(jdbcUrl.substring(LibSqlUrl.JDBC_PREFIX.length()));
		CompletableFuture<Void> attempt = CompletableFuture.runAsync(() -> connect(jdbcUrl, turso));
		try {
			attempt.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			attempt.cancel(true);
			throw new DatabaseUnavailableException(
					"No answer from the libSQL server at " + server + " (TURSO_DATABASE_URL) within " + timeout,
					URL_ACTION);
		}
		catch (ExecutionException ex) {
			throw explain(ex.getCause(), server, turso);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void connect(String jdbcUrl, Turso turso) {
		Properties properties = new Properties();
		if (turso.hasToken()) {
			properties.setProperty("password", turso.authToken());
		}
		try (Connection connection = DriverManager.getConnection(jdbcUrl, properties)) {
			// The driver's connect already ran SELECT 1 on the server.
		}
		catch (SQLException ex) {
			throw new CompletionException(ex);
		}
	}

	/**
	 * @param failure what the driver threw: a {@link SQLException} around the real cause,
	 * or, for an answer that is not libSQL's JSON, whatever its parser threw
	 */
	private static DatabaseUnavailableException explain(Throwable failure, String server, Turso turso) {
		// sqld answers 401 with an "Unauthorized: ..." body; the driver has its own words
		// for a 401 or 403 without one.
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String reason = String.valueOf(cause.getMessage());
			if (reason.startsWith("Unauthorized") || reason.startsWith("Authentication required")
					|| reason.startsWith("Access denied")) {
				String problem = turso.hasToken()
						? "refused TURSO_AUTH_TOKEN (wrong, expired or for another database)"
						: "requires a token, and TURSO_AUTH_TOKEN is not set";
				return new DatabaseUnavailableException(
						"The libSQL server at " + server + " " + problem + ": " + reason, TOKEN_ACTION);
			}
		}
		IOException io = firstCause(failure, IOException.class);
		if (io != null) {
			return new DatabaseUnavailableException("Cannot reach the libSQL server at " + server
					+ " (TURSO_DATABASE_URL): " + describe(io), URL_ACTION);
		}
		return new DatabaseUnavailableException("The libSQL server at " + server
				+ " (TURSO_DATABASE_URL) failed, or is not a libSQL server: " + describe(failure), URL_ACTION);
	}

	private static <T extends Throwable> T firstCause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	/** The JDK's HTTP client, and the driver's parser, throw some of these without a message. */
	private static String describe(Throwable failure) {
		if (firstCause(failure, ConnectException.class) != null) {
			return "connection refused";
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null) {
				return cause.getClass().getSimpleName() + ": " + cause.getMessage();
			}
		}
		return failure.getClass().getSimpleName();
	}

}
