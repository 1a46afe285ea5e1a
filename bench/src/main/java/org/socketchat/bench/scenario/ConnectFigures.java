package org.socketchat.bench.scenario;

import org.socketchat.bench.stomp.StompConnector;

/**
 * How long opening the sessions took.
 * @param sessions how many were opened (all of them, or the run failed)
 * @param wallSeconds from the first WebSocket request to the last CONNECTED
 * @param p50Ms one session's WebSocket upgrade start to its CONNECTED frame, median
 */
record ConnectFigures(int sessions, double wallSeconds, double p50Ms, double p99Ms, double maxMs) {

	static ConnectFigures of(StompConnector.Opened opened) {
		var ms = opened.connectMicros().percentiles(1000.0);
		return new ConnectFigures(opened.clients().size(), opened.wallSeconds(), ms.p50(), ms.p99(), ms.max());
	}

}
