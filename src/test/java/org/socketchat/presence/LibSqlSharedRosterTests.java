package org.socketchat.presence;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.socketchat.storage.SqldPerClass;

import org.springframework.jdbc.core.JdbcTemplate;

/** The shared roster on a real libSQL server, through the libsql driver the application uses. */
class LibSqlSharedRosterTests extends SharedRosterTests {

	@RegisterExtension
	static final SqldPerClass sqld = new SqldPerClass();

	/** One sqld serves the class: each test starts again from a freshly migrated database. */
	@Override
	JdbcTemplate emptyDatabase() {
		return new JdbcTemplate(sqld.migratedDataSource());
	}

}
