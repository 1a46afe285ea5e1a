package org.socketchat.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses and opens the database the messages live in. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(StorageProperties storage) throws IOException {
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
