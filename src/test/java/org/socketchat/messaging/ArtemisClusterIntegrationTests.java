package org.socketchat.messaging;

import org.junit.jupiter.api.BeforeAll;

/** The cluster through ActiveMQ Artemis, embedded in the test JVM. */
class ArtemisClusterIntegrationTests extends ClusterIntegrationTests {

	@BeforeAll
	static void startCluster() {
		startInstancesOn(EmbeddedArtemis.start());
	}

}
