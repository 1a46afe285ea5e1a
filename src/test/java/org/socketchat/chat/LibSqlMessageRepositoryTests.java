package org.socketchat.chat;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.socketchat.storage.SqldPerClass;

import org.springframework.jdbc.core.JdbcTemplate;

/** The repository on a real libSQL server, through the libsql driver the application uses. */
class LibSqlMessageRepositoryTests extends MessageRepositoryTests {

	@RegisterExtension
	static final SqldPerClass sqld = new SqldPerClass();

	/** One sqld serves the class: each test starts again from an empty, freshly migrated table. */
	@Override
	JdbcTemplate emptyDatabase() {
		return new JdbcTemplate(sqld.migratedDataSource());
	}

}
