package org.socketchat.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.socketchat.SocketChatApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** TURSO_DATABASE_URL pointing at an HTTP server that is not libSQL: one line, no stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class NotALibSqlServerTests {

	HttpServer server;

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			404 | text/html  | <html><body>Not Found</body></html>
			500 | text/plain | Internal Server Error
			200 | text/html  | <html>a web page</html>
			502 | text/html  |
			""")
	void aServerAnsweringSomethingElseFailsTheStartNamingTheUrlVariable(int status, String type, String body,
			CapturedOutput output) throws IOException {
		this.server = answering(status, type, (body != null) ? body : "");
		String url = "http://127.0.0.1:" + this.server.getAddress().getPort();

		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(SocketChatApplication.class)
				.run("--server.port=0", "--server.address=127.0.0.1", "--chat.storage.turso.database-url=" + url,
						"--chat.storage.turso.auth-token=secret-token", "--chat.storage.connect-timeout=5s")
				.close())
			.havingRootCause()
			.isInstanceOf(DatabaseUnavailableException.class)
			.withMessageContaining("The libSQL server at " + url + " (TURSO_DATABASE_URL)");
		assertThat(output).contains("Description:").doesNotContain("secret-token");
	}

	private static HttpServer answering(int status, String type, String body) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", type);
			exchange.sendResponseHeaders(status, (bytes.length > 0) ? bytes.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		server.start();
		return server;
	}

}
