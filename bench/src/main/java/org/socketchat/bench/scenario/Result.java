package org.socketchat.bench.scenario;

import java.util.List;

import org.socketchat.bench.measure.Table;

/** A scenario's figures: a record for the JSON report, and tables for people. */
public interface Result {

	/** Not a record component, so the JSON report leaves it out. */
	List<Table> tables();

	/** Why the run failed its own checks (the bench then exits non-zero), or {@code null}. */
	default String failure() {
		return null;
	}

}
