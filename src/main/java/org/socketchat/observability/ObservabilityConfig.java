package org.socketchat.observability;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The request log; on unless {@code chat.access-log.enabled=false}. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfig {

	@Bean
	@ConditionalOnBooleanProperty(name = "chat.access-log.enabled", matchIfMissing = true)
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> accessLog() {
		return (tomcat) -> tomcat.addEngineValves(new AccessLog());
	}

}
