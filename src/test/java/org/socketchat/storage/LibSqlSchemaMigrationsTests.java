package org.socketchat.storage;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The migrations on a real libSQL server, where each statement is its own request: a
 * step's statements go in one request, as one transaction.
 */
class LibSqlSchemaMigrationsTests extends SchemaMigrationsTests {

	@RegisterExtension
	static final SqldPerClass sqld = new SqldPerClass();

	SingleConnectionDataSource database;

	/** One sqld serves the class: each test starts again without tables. */
	@Override
	DataSource emptyDatabase() {
		this.database = sqld.emptyDataSource();
		return this.database;
	}

	@AfterEach
	void close() {
		this.database.destroy();
	}

}
