package org.socketchat.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code db} health check, in place of Boot's: the same {@code SELECT}, but through
 * the time-bound template (a query with an argument, so it is bounded), because a libSQL
 * server that stopped answering would hold every probe's request thread for good.
 */
@Component("dbHealthIndicator")
class DatabaseHealthIndicator implements HealthIndicator {

	private final JdbcTemplate jdbc;

	DatabaseHealthIndicator(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Health health() {
		try {
			Integer one = this.jdbc.queryForObject("SELECT ?", Integer.class, 1);
			return (one != null && one == 1) ? Health.up().build() : Health.down().build();
		}
		catch (DataAccessException ex) {
			return Health.down(ex).build();
		}
	}

}
