package org.socketchat.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Turns the URL forms people paste into the libsql driver's JDBC URL. Turso's
 * {@code libsql://} means HTTPS; a local sqld is usually plain {@code http://}.
 */
final class LibSqlUrl {

	static final String JDBC_PREFIX = "jdbc:dbeaver:libsql:";

	private LibSqlUrl() {
	}

	/**
	 * @throws IllegalArgumentException for anything else, naming the variable to fix
	 */
	static String toJdbcUrl(String pasted) {
		String url = pasted.strip();
		if (url.toLowerCase(Locale.ROOT).startsWith(JDBC_PREFIX)) {
			url = url.substring(JDBC_PREFIX.length());
		}
		String lower = url.toLowerCase(Locale.ROOT);
		if (lower.startsWith("libsql://")) {
			url = "https://" + url.substring("libsql://".length());
		}
		else if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
			throw new IllegalArgumentException("TURSO_DATABASE_URL must start with libsql://, https://, http:// or "
					+ JDBC_PREFIX + " but was '" + displayable(pasted) + "'");
		}
		if (host(url) == null) {
			throw new IllegalArgumentException("TURSO_DATABASE_URL has no valid host: '" + displayable(pasted) + "'");
		}
		return JDBC_PREFIX + url;
	}

	private static String host(String url) {
		try {
			return new URI(url).getHost();
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/** The server's address for messages: no query string, which may carry a token. */
	static String displayable(String url) {
		int query = url.indexOf('?');
		return ((query >= 0) ? url.substring(0, query) : url).strip();
	}

}
