package org.socketchat.messaging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * A real STOMP broker (RabbitMQ, ActiveMQ Artemis) shared by several instances. Without a
 * host the in-memory simple broker serves this instance's sessions alone.
 *
 * @param host the broker's STOMP host; set, the broker relay is on
 * @param port its STOMP port
 * @param login the login of every connection to the broker (the relay's own and each
 * client's); unset, Spring's default ({@code guest})
 * @param passcode the passcode that goes with it
 * @param virtualHost the STOMP {@code host} header; on RabbitMQ the virtual host, so
 * unset or {@code /} there
 */
@Validated
@ConfigurationProperties("chat.broker.relay")
public record BrokerRelayProperties(String host, @DefaultValue("61613") @Positive @Max(65535) int port, String login,
		String passcode, String virtualHost) {

	public boolean enabled() {
		return StringUtils.hasText(this.host);
	}

	/** Never the passcode: this may end up in a log. */
	@Override
	public String toString() {
		return "BrokerRelayProperties[host=" + this.host + ", port=" + this.port + ", login=" + this.login
				+ ", virtualHost=" + this.virtualHost + "]";
	}

}
