package org.socketchat.chat;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Chat settings.
 *
 * @param maxContentLength most characters a message may have after trimming
 */
@Validated
@ConfigurationProperties("chat")
record ChatProperties(@DefaultValue("2000") @Positive int maxContentLength) {
}
