package org.socketchat.observability;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/** The request log (on unless {@code chat.access-log.enabled=false}) and the session log. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfig implements WebSocketMessageBrokerConfigurer {

	private final SessionLog sessionLog;

	ObservabilityConfig(SessionLog sessionLog) {
		this.sessionLog = sessionLog;
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.addDecoratorFactory(this.sessionLog);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "chat.access-log.enabled", matchIfMissing = true)
	WebServerFactoryCustomizer<JettyServletWebServerFactory> accessLog() {
		return (jetty) -> jetty.addServerCustomizers((server) -> server.setRequestLog(new AccessLog()));
	}

}
