package org.socketchat.messaging;

import org.junit.jupiter.api.BeforeAll;

/**
 * The cluster through RabbitMQ, the broker the README recommends: a real node, so its own
 * rules (topic names, virtual hosts, per-session queues) are proven, not assumed.
 */
class RabbitMqClusterIntegrationTests extends ClusterIntegrationTests {

	@BeforeAll
	static void startCluster() {
		startInstancesOn(RabbitMqBroker.start());
	}

}
