package org.socketchat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.socketchat.bench.scenario.ChaosScenario;
import org.socketchat.bench.scenario.ClusterFanoutScenario;
import org.socketchat.bench.scenario.FanoutScenario;
import org.socketchat.bench.scenario.HistoryScenario;
import org.socketchat.bench.scenario.IdleScenario;
import org.socketchat.bench.scenario.PersistenceScenario;
import org.socketchat.bench.scenario.Result;
import org.socketchat.bench.scenario.Scenario;
import org.socketchat.bench.scenario.Setup;
import org.socketchat.bench.scenario.SlowReadersScenario;
import org.socketchat.bench.scenario.StartupScenario;

/**
 * The load tool's command line: {@code bench/run SCENARIO [--option value ...]}. Prints a
 * table per result and writes them all, with the machine, to a JSON file.
 */
public final class Bench {

	private static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

	static {
		SCENARIOS.put("startup", new StartupScenario());
		SCENARIOS.put("fanout", FanoutScenario.fanout());
		SCENARIOS.put("capacity", FanoutScenario.capacity());
		SCENARIOS.put("persistence", new PersistenceScenario());
		SCENARIOS.put("history", new HistoryScenario());
		SCENARIOS.put("idle", new IdleScenario());
		SCENARIOS.put("chaos", new ChaosScenario());
		SCENARIOS.put("slow-readers", new SlowReadersScenario());
		SCENARIOS.put("cluster-fanout", new ClusterFanoutScenario());
	}

	/** What {@code all} runs: every figure of docs/PERFORMANCE.md, in this order. */
	private static final List<List<String>> ALL = List.of(List.of("startup"), List.of("fanout"),
			List.of("capacity", "--subscribers", "50"), List.of("capacity", "--subscribers", "100"),
			List.of("capacity", "--subscribers", "500", "--rates", "100,200,300,500,750,1000,1500,2000"),
			List.of("persistence"), List.of("history"), List.of("idle"),
			List.of("idle", "--sessions", "10000", "--xmx", "512m"), List.of("chaos"),
			List.of("slow-readers"), List.of("cluster-fanout"));

	private Bench() {
	}

	/** Options every scenario accepts; read here, not by the scenarios. */
	private static final List<String> COMMON = List.of("repo", "jar", "work", "url", "pid", "app-jvm-args", "sqld",
			"json");

	/** One scenario's outcome on one build and setting of the app: its result, or why it failed. */
	record Run(List<String> command, String jar, List<String> appJvmArgs, Result result, String error) {
	}

	/** The JSON report. */
	record Document(String startedAt, Machine machine, List<String> command, List<Run> runs) {
	}

	public static void main(String[] args) {
		if (args.length == 0 || !(SCENARIOS.containsKey(args[0]) || "all".equals(args[0]))) {
			System.err.println("usage: bench/run {all|" + String.join("|", SCENARIOS.keySet())
					+ "} [--option value ...]   (see docs/PERFORMANCE.md)");
			System.exit(2);
		}
		String startedAt = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		Machine machine = Machine.current(); // before the run loads it
		List<String> rest = Arrays.asList(args).subList(1, args.length);
		Options options = new Options(rest);
		Path repo = Path.of(options.string("repo", ".")).toAbsolutePath().normalize();
		// Several jars (--jar before.jar,after.jar): each scenario runs on each, one after the
		// other, so a change is measured before and after in one run on one machine state.
		List<Path> jars = options.has("jar") ? options.strings("jar", List.of()).stream().map(Path::of).toList()
				: List.of(findJar(repo));
		Path work = Path.of(options.string("work", repo.resolve("bench/target/work/" + startedAt).toString()));
		String url = options.string("url", null);
		String pid = options.string("pid", null);
		// Several settings (--app-jvm-args "-Da=1|-Da=2") run like several jars: each scenario
		// on each, so a setting such as the naive write path is compared in the same run.
		List<List<String>> appJvmArgSets = options.alternatives("app-jvm-args");
		Path sqld = Path.of(options.string("sqld", repo.resolve("target/sqld/sqld").toString()));
		Path json = Path.of(options.string("json", repo.resolve("bench/target/results/" + args[0] + "-" + startedAt
				+ ".json").toString()));

		List<List<String>> commands = "all".equals(args[0]) ? ALL : List.of(Arrays.asList(args));
		if ("all".equals(args[0])) {
			options.rejectUnused();
		}
		List<Run> runs = new ArrayList<>();
		boolean compared = jars.size() * appJvmArgSets.size() > 1;
		for (List<String> command : commands) {
			int variant = 0;
			for (Path jar : jars) {
				for (List<String> appJvmArgs : appJvmArgSets) {
					variant++;
					Path variantWork = compared ? work.resolve("variant" + variant) : work;
					Setup setup = new Setup(repo, jar, variantWork, appJvmArgs, (url != null) ? URI.create(url) : null,
							(pid != null) ? Long.valueOf(pid) : null, sqld);
					List<String> scenarioArgs = "all".equals(args[0]) ? command.subList(1, command.size()) : rest;
					Options scenarioOptions = new Options(scenarioArgs).markUsed(COMMON);
					runs.add(run(setup, command, compared, scenarioOptions));
				}
			}
		}
		Document document = new Document(startedAt, machine, Arrays.asList(args), runs);
		write(json, document);
		System.out.println();
		System.out.println("JSON report: " + json);
		System.exit(runs.stream().allMatch((r) -> r.error() == null) ? 0 : 1);
	}

	private static Run run(Setup setup, List<String> command, boolean nameJar, Options options) {
		String jar = setup.jar().toString();
		String variant = jar + (setup.appJvmArgs().isEmpty() ? "" : " " + String.join(" ", setup.appJvmArgs()));
		System.err.println("== " + String.join(" ", command) + (nameJar ? "  [" + variant + "]" : ""));
		try {
			Result result = SCENARIOS.get(command.get(0)).run(setup, options);
			if (nameJar) {
				System.out.println();
				System.out.println("#### app: " + variant);
			}
			result.tables().forEach((table) -> table.print(System.out));
			String failure = result.failure();
			if (failure != null) {
				System.out.println();
				System.out.println("### " + String.join(" ", command) + " FAILED (" + variant + "): " + failure);
			}
			return new Run(command, jar, setup.appJvmArgs(), result, failure);
		}
		catch (RuntimeException ex) {
			// One failed scenario must not hide the figures of the others in an 'all' run.
			System.out.println();
			System.out.println("### " + String.join(" ", command) + " FAILED (" + variant + "): " + ex);
			ex.printStackTrace();
			return new Run(command, jar, setup.appJvmArgs(), null, ex.toString());
		}
	}

	private static Path findJar(Path repo) {
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(repo.resolve("target"), "socket-chat-*.jar")) {
			for (Path jar : jars) {
				return jar;
			}
		}
		catch (IOException ex) {
			// reported below
		}
		throw new IllegalStateException("no target/socket-chat-*.jar in " + repo
				+ ": build it with ./mvnw -q -B package -DskipTests (bench/run does)");
	}

	private static void write(Path json, Document document) {
		try {
			Files.createDirectories(json.toAbsolutePath().getParent());
			JsonMapper.builder()
				.enable(SerializationFeature.INDENT_OUTPUT)
				.build()
				.writeValue(json.toFile(), document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
