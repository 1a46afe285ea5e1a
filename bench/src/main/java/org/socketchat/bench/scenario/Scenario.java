package org.socketchat.bench.scenario;

import org.socketchat.bench.Options;

/** One benchmark: reads its options, runs bounded in count and time, returns its figures. */
@FunctionalInterface
public interface Scenario {

	Result run(Setup setup, Options options);

}
