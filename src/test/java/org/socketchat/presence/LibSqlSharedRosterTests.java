package org.socketchat.presence;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socketchat.storage.SchemaMigrations;
import org.socketchat.storage.SqldPerClass;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The shared roster on a real libSQL server, through the libsql driver the application uses. */
class LibSqlSharedRosterTests extends SharedRosterTests {

	@RegisterExtension
	static final SqldPerClass sqld = new SqldPerClass();

	SingleConnectionDataSource dataSource;

	/** One sqld serves the class: each test starts again from empty tables. */
	@Override
	JdbcTemplate emptyDatabase() {
		this.dataSource = sqld.dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		SchemaMigrations.migrate(this.dataSource);
		jdbc.execute("DELETE FROM presence");
		jdbc.execute("DELETE FROM instances");
		return jdbc;
	}

	@AfterEach
	void close() {
		this.dataSource.destroy();
	}

}
