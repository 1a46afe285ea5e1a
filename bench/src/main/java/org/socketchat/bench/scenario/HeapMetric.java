package org.socketchat.bench.scenario;

import tools.jackson.databind.json.JsonMapper;

import org.socketchat.bench.process.Http;
import org.socketchat.bench.process.Target;

/** The server's heap in use, as its metrics endpoint reports it (no GC forced here). */
final class HeapMetric {

	private HeapMetric() {
	}

	static long usedKiB(Target target) {
		Http.Response metric = new Http().get(target.resolve("/actuator/metrics/jvm.memory.used?tag=area:heap"));
		if (!metric.ok()) {
			throw new IllegalStateException("no heap metric (" + metric.status() + "): " + metric.body());
		}
		double bytes = JsonMapper.shared().readTree(metric.body()).path("measurements").path(0).path("value")
			.asDouble();
		return (long) (bytes / 1024);
	}

}
