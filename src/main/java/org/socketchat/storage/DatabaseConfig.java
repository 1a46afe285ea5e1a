package org.socketchat.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.socketchat.storage.StorageProperties.Turso;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses and opens the database the messages live in. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(StorageProperties storage) throws IOException {
		return storage.turso().isConfigured() ? libSql(storage) : sqlite(storage);
	}

	@Bean
	TimeBoundJdbcTemplate jdbcTemplate(DataSource dataSource, StorageProperties storage) {
		return new TimeBoundJdbcTemplate(dataSource, storage.queryTimeout());
	}

	/**
	 * Migrates while the context starts: nothing reads or writes messages before then, as
	 * the web server and the message writer start only once every bean exists.
	 */
	@Bean
	SchemaMigrations schemaMigrations(DataSource dataSource) {
		return new SchemaMigrations(dataSource);
	}

	private static HikariDataSource libSql(StorageProperties storage) {
		Turso turso = storage.turso();
		String jdbcUrl;
		try {
			jdbcUrl = LibSqlUrl.toJdbcUrl(turso.databaseUrl());
		}
		catch (IllegalArgumentException ex) {
			throw new DatabaseUnavailableException(ex.getMessage(), "Set TURSO_DATABASE_URL to your database's URL "
					+ "(turso db show --url NAME), or unset it to use the embedded file.");
		}
		LibSqlConnectionCheck.verify(jdbcUrl, turso, storage.connectTimeout());
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName("libsql");
		dataSource.setJdbcUrl(jdbcUrl);
		if (turso.hasToken()) {
			// The driver sends its password property as the bearer token.
			dataSource.setPassword(turso.authToken());
		}
		// The driver's Connection.isValid() is unsupported; the pool and health check query.
		dataSource.setConnectionTestQuery("SELECT 1");
		return dataSource;
	}

	private static HikariDataSource sqlite(StorageProperties storage) throws IOException {
		Path file = storage.file().toAbsolutePath();
		Files.createDirectories(file.getParent());
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName("sqlite");
		dataSource.setJdbcUrl("jdbc:sqlite:" + file);
		// WAL lets readers run beside the writer; NORMAL is durable in WAL mode except
		// for the last commits on power loss, not on an application crash.
		dataSource.addDataSourceProperty("journal_mode", "WAL");
		dataSource.addDataSourceProperty("synchronous", "NORMAL");
		dataSource.addDataSourceProperty("busy_timeout", String.valueOf(storage.busyTimeout().toMillis()));
		return dataSource;
	}

}
