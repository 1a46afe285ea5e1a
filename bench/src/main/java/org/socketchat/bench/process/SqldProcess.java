package org.socketchat.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A libSQL server ({@code sqld}) on loopback without auth, holding its database in the
 * bench's work directory: the backend the app uses when {@code TURSO_DATABASE_URL} is set.
 */
public final class SqldProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Http http = new Http();

	private SqldProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** Starts {@code binary} and waits until its {@code /health} answers. */
	public static SqldProcess start(Path binary, Path dir) {
		if (!Files.isExecutable(binary)) {
			throw new IllegalStateException("no sqld at " + binary
					+ " (the app's build puts it at target/sqld/sqld; or pass --sqld PATH)");
		}
		try {
			Files.createDirectories(dir);
			int port = FreePort.pick();
			Process process = new ProcessBuilder(binary.toAbsolutePath().toString(), "--no-welcome",
					"--http-listen-addr", "127.0.0.1:" + port, "--db-path", dir.resolve("sqld-data").toString())
				.directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("sqld.log").toFile())
				.start();
			StartedProcesses.register(process);
			SqldProcess sqld = new SqldProcess(process, port);
			if (!sqld.http.awaitOk(sqld.url().resolve("/health"), Duration.ofSeconds(30), process)) {
				sqld.close();
				throw new IllegalStateException("sqld did not answer /health; see " + dir.resolve("sqld.log"));
			}
			return sqld;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + binary, ex);
		}
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	/**
	 * Runs a query of one integer through sqld's own HTTP API (Hrana pipeline), to check
	 * what the app wrote there without trusting the app.
	 * @return the value, or {@code null} with the reason when the query failed (no table yet)
	 */
	public Scalar queryLong(String sql) {
		Rows result = query(sql);
		if (result.rows() == null) {
			return new Scalar(null, result.error());
		}
		return new Scalar(Long.parseLong(result.rows().get(0).get(0)), null);
	}

	/** Runs a query through sqld's own HTTP API; every cell as text, SQL NULL as {@code null}. */
	public Rows query(String sql) {
		String request = JsonMapper.shared()
			.writeValueAsString(Map.of("requests",
					List.of(Map.of("type", "execute", "stmt", Map.of("sql", sql)),
							Map.of("type", "close"))));
		Http.Response response = this.http.postJson(url().resolve("/v2/pipeline"), request);
		if (!response.ok()) {
			return new Rows(null, "HTTP " + response.status() + " " + response.body());
		}
		JsonNode first = JsonMapper.shared().readTree(response.body()).path("results").path(0);
		if (!"ok".equals(first.path("type").asString())) {
			return new Rows(null, first.path("error").path("message").asString());
		}
		List<List<String>> rows = new ArrayList<>();
		for (JsonNode row : first.path("response").path("result").path("rows")) {
			List<String> cells = new ArrayList<>();
			row.forEach((cell) -> cells.add("null".equals(cell.path("type").asString()) ? null
					: cell.path("value").asString()));
			rows.add(cells);
		}
		return new Rows(rows, null);
	}

	/** @param value the integer, or {@code null} when {@code error} says why not */
	public record Scalar(Long value, String error) {
	}

	/** @param rows the rows, or {@code null} when {@code error} says why not */
	public record Rows(List<List<String>> rows, String error) {
	}

	@Override
	public void close() {
		StartedProcesses.stop(this.process);
	}

}
