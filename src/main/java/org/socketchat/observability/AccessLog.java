package org.socketchat.observability;

import java.io.CharArrayWriter;

import org.apache.catalina.valves.AbstractAccessLogValve;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tomcat's access log, written through the application's logging instead of a file: one
 * console line per HTTP request (page, assets, REST, SockJS, WebSocket handshakes) that
 * {@code logging.structured.format.console} turns into JSON like every other line. The
 * path is logged without its query string, which could carry a secret.
 */
class AccessLog extends AbstractAccessLogValve {

	/** Method, path, status, duration (ms), bytes sent and the client's address. */
	static final String PATTERN = "%m %U %s %{ms}T ms %B B %a";

	private static final Log logger = LogFactory.getLog("socketchat.access");

	AccessLog() {
		setPattern(PATTERN);
		// Behind a proxy, the client's address as RemoteIpValve found it: by the time a
		// request is logged, the valve has put the proxy's back on the request.
		setRequestAttributesEnabled(true);
	}

	@Override
	protected void log(CharArrayWriter message) {
		logger.info(message.toString());
	}

}
