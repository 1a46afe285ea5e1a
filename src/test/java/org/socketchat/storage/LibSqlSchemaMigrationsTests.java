package org.socketchat.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations on a real libSQL server, where each statement is its own request: a
 * step's statements go in one request, as one transaction.
 */
class LibSqlSchemaMigrationsTests extends SchemaMigrationsTests {

	@RegisterExtension
	static final SqldPerClass sqld = new SqldPerClass();

	/** One sqld serves the class: each test starts again without tables. */
	@Override
	DataSource emptyDatabase() {
		return sqld.emptyDataSource();
	}

	@Test
	void instancesStartingTogetherOnANewDatabaseAllMigrateIt() throws Exception {
		ExecutorService instances = Executors.newFixedThreadPool(4);
		List<SingleConnectionDataSource> connections = new ArrayList<>();
		try {
			for (int round = 0; round < 5; round++) {
				sqld.emptyDataSource();
				List<Future<Integer>> versions = new ArrayList<>();
				for (int i = 0; i < 4; i++) {
					SingleConnectionDataSource connection = sqld.dataSource();
					connections.add(connection);
					versions.add(instances.submit(() -> SchemaMigrations.migrate(connection)));
				}
				for (Future<Integer> version : versions) {
					assertThat(version.get(30, TimeUnit.SECONDS)).isEqualTo(LATEST);
				}
			}
		}
		finally {
			instances.shutdownNow();
			connections.forEach(SingleConnectionDataSource::destroy);
		}
	}

}
