package org.socketchat;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole application on a random loopback port, with a SQLite file of its own:
 * {@code random.uuid} is resolved once, when the storage settings are bound.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "server.address=127.0.0.1",
		"chat.storage.file=${java.io.tmpdir}/socket-chat-test/${random.uuid}/chat.db" })
public @interface ChatAppTest {

}
