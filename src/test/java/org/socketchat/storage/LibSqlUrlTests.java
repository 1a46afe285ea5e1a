package org.socketchat.storage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LibSqlUrlTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			libsql://chat-acme.turso.io                        | jdbc:dbeaver:libsql:https://chat-acme.turso.io
			LIBSQL://chat-acme.turso.io                        | jdbc:dbeaver:libsql:https://chat-acme.turso.io
			https://chat-acme.turso.io                         | jdbc:dbeaver:libsql:https://chat-acme.turso.io
			http://127.0.0.1:8080                              | jdbc:dbeaver:libsql:http://127.0.0.1:8080
			'  http://127.0.0.1:8080  '                        | jdbc:dbeaver:libsql:http://127.0.0.1:8080
			jdbc:dbeaver:libsql:https://chat-acme.turso.io     | jdbc:dbeaver:libsql:https://chat-acme.turso.io
			jdbc:dbeaver:libsql:libsql://chat-acme.turso.io    | jdbc:dbeaver:libsql:https://chat-acme.turso.io
			""")
	void acceptsTheFormsPeoplePaste(String pasted, String jdbcUrl) {
		assertThat(LibSqlUrl.toJdbcUrl(pasted)).isEqualTo(jdbcUrl);
	}

	@ParameterizedTest
	@ValueSource(strings = { "chat-acme.turso.io", "ftp://host/db", "postgres://host/db", "https://", "libsql://" })
	void refusesAnythingElseNamingTheVariable(String pasted) {
		assertThatIllegalArgumentException().isThrownBy(() -> LibSqlUrl.toJdbcUrl(pasted))
			.withMessageContaining("TURSO_DATABASE_URL");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			https://chat-acme.turso.io?authToken=secret | https://chat-acme.turso.io
			http://127.0.0.1:8080                       | http://127.0.0.1:8080
			""")
	void displaysTheServerWithoutItsQuery(String url, String shown) {
		assertThat(LibSqlUrl.displayable(url)).isEqualTo(shown);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://h/db?authToken=secret" })
	void neverEchoesAQueryInAnError(String pasted) {
		assertThatIllegalArgumentException().isThrownBy(() -> LibSqlUrl.toJdbcUrl(pasted))
			.withMessageNotContaining("secret");
	}

}
