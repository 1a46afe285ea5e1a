package org.socketchat.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.dbeaver.jdbc.driver.libsql.LibSqlConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Brings the schema up to date on start. Each {@code db/migration/V<n>__<what>.sql} above
 * the database's {@code PRAGMA user_version} runs once, in order, as one transaction that
 * also sets {@code user_version} to n: a step that fails half-way, or a process that dies
 * during one, leaves the database as it was before that step, to be run again next start.
 * <p>
 * On SQLite that is a JDBC transaction. On a libSQL server each request is its own
 * transaction and the driver has no {@code commit}, but one request may carry several
 * statements: sent as {@code BEGIN}, the step, {@code COMMIT} in one request, sqld rolls
 * it all back when one fails. The same SQL runs on both. Instances that start together
 * take turns ({@link MigrationLock}): the first migrates, the others find it done.
 */
public final class SchemaMigrations implements InitializingBean {

	private static final Log logger = LogFactory.getLog(SchemaMigrations.class);

	private static final String LOCATION = "classpath:db/migration/V*__*.sql";

	private static final Pattern VERSION = Pattern.compile("V(\\d+)__.+\\.sql");

	/** Scripts end each statement with a semicolon at the end of a line. */
	private static final Pattern STATEMENT_END = Pattern.compile(";\\s*$", Pattern.MULTILINE);

	private final DataSource dataSource;

	SchemaMigrations(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void afterPropertiesSet() {
		migrate(this.dataSource);
	}

	/**
	 * Public for tests that make a database without starting the application.
	 * @return the schema version the database is at now
	 */
	public static int migrate(DataSource dataSource) {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			List<Step> steps = steps();
			int version = userVersion(connection);
			if (steps.isEmpty() || version >= steps.get(steps.size() - 1).version()) {
				return version;
			}
			try (MigrationLock lock = MigrationLock.take(connection)) {
				// Another instance may have migrated it while this one waited.
				version = userVersion(connection);
				for (Step step : steps) {
					if (step.version() > version) {
						step.apply(connection);
						version = step.version();
					}
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not take or give back the schema migration lock: "
						+ ex.getMessage(), ex);
			}
			return version;
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	private static int userVersion(Connection connection) {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA user_version")) {
			result.next();
			return result.getInt(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the database's schema version: " + ex.getMessage(), ex);
		}
	}

	/** The scripts in version order; a gap in the numbers is a packaging mistake. */
	private static List<Step> steps() {
		List<Step> steps = new ArrayList<>();
		try {
			for (Resource script : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
				Matcher name = VERSION.matcher(script.getFilename());
				if (name.matches()) {
					steps.add(new Step(Integer.parseInt(name.group(1)), script.getFilename(), statements(script)));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		steps.sort(Comparator.comparingInt(Step::version));
		for (int i = 0; i < steps.size(); i++) {
			if (steps.get(i).version() != i + 1) {
				throw new IllegalStateException("Schema migrations must be numbered 1, 2, 3...: found V"
						+ steps.get(i).version() + " at place " + (i + 1));
			}
		}
		return steps;
	}

	private static List<String> statements(Resource script) throws IOException {
		String code = script.getContentAsString(StandardCharsets.UTF_8)
			.lines()
			.filter((line) -> !line.strip().startsWith("--"))
			.collect(Collectors.joining("\n"));
		return Arrays.stream(STATEMENT_END.split(code)).map(String::strip).filter((sql) -> !sql.isEmpty()).toList();
	}

	private record Step(int version, String script, List<String> statements) {

		void apply(Connection connection) {
			List<String> all = new ArrayList<>(this.statements);
			all.add("PRAGMA user_version = " + this.version);
			try {
				if (connection.isWrapperFor(LibSqlConnection.class)) {
					applyInOneRequest(connection.unwrap(LibSqlConnection.class), all);
				}
				else {
					applyInTransaction(connection, all);
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not migrate the database schema to version " + this.version
						+ " (" + this.script + "), it is left as it was: " + ex.getMessage(), ex);
			}
			logger.info("Database schema migrated to version " + this.version + " (" + this.script + ")");
		}

		private static void applyInOneRequest(LibSqlConnection connection, List<String> statements)
				throws SQLException {
			List<String> all = new ArrayList<>(statements);
			all.add(0, "BEGIN");
			all.add("COMMIT");
			connection.getClient().executeBatch(all.toArray(String[]::new), noParameters(all.size()));
		}

		private static void applyInTransaction(Connection connection, List<String> statements) throws SQLException {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				for (String sql : statements) {
					statement.execute(sql);
				}
				connection.commit();
			}
			catch (SQLException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}

		/** The driver wants a parameter map per statement; these have none. */
		@SuppressWarnings("unchecked")
		private static Map<Object, Object>[] noParameters(int statements) {
			return new Map[statements];
		}

	}

}
