package org.socketchat.messaging;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.socketchat.LoopbackPorts;

/**
 * A real STOMP broker, ActiveMQ Artemis, in the test JVM: what the broker relay connects
 * to in the cluster tests. It can be stopped and started again on the same port.
 */
final class EmbeddedArtemis implements ClusterIntegrationTests.StompBroker {

	private final int port;

	private EmbeddedActiveMQ server;

	private EmbeddedArtemis(int port) {
		this.port = port;
	}

	static EmbeddedArtemis start() {
		EmbeddedArtemis broker = new EmbeddedArtemis(LoopbackPorts.free());
		broker.restart();
		return broker;
	}

	@Override
	public int port() {
		return this.port;
	}

	/**
	 * Starts it (again). The prefixes make {@code /queue/...} point-to-point and
	 * {@code /topic/...} publish-subscribe, as Spring's destinations mean them.
	 */
	@Override
	public void restart() {
		Configuration configuration = new ConfigurationImpl().setPersistenceEnabled(false)
			.setSecurityEnabled(false)
			.setJMXManagementEnabled(false)
			.setCriticalAnalyzer(false);
		try {
			configuration.addAcceptorConfiguration("stomp", "tcp://127.0.0.1:" + this.port
					+ "?protocols=STOMP;anycastPrefix=/queue/;multicastPrefix=/topic/");
			this.server = new EmbeddedActiveMQ().setConfiguration(configuration);
			this.server.start();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Artemis did not start on port " + this.port, ex);
		}
	}

	@Override
	public void stop() {
		try {
			this.server.stop();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		stop();
	}


}
