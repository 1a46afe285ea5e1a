package org.socketchat.chat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socketchat.storage.SqldPerClass;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The repository on a real libSQL server, through the libsql driver the application uses. */
class LibSqlMessageRepositoryTests extends MessageRepositoryTests {

	@RegisterExtension
	static final SqldPerClass sqld = new SqldPerClass();

	SingleConnectionDataSource dataSource;

	/** One sqld serves the class: each test starts again from an empty, freshly migrated table. */
	@Override
	JdbcTemplate emptyDatabase() {
		this.dataSource = sqld.migratedDataSource();
		return new JdbcTemplate(this.dataSource);
	}

	@AfterEach
	void close() {
		this.dataSource.destroy();
	}

}
