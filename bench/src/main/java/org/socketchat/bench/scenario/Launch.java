package org.socketchat.bench.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One way the startup scenario starts the app, named {@code [25:]LAYOUT[+spring-aot]}:
 * {@code 25:} on the JDK given as {@code --jdk25}, else the bench's own; LAYOUT is
 * {@code jar} (the fat jar), {@code extracted} (the layout of {@code java -Djarmode=tools
 * -jar app.jar extract}), {@code cds} (extracted, with a CDS archive a training run wrote)
 * or {@code aot-cache} (extracted, with a JDK 25 AOT cache a training run wrote);
 * {@code +spring-aot} runs the beans Spring AOT generated at build time.
 */
record Launch(String name, boolean jdk25, Layout layout, boolean springAot) {

	enum Layout {

		JAR, EXTRACTED, CDS, AOT_CACHE

	}

	static Launch parse(String name) {
		String rest = name;
		boolean jdk25 = rest.startsWith("25:");
		if (jdk25) {
			rest = rest.substring(3);
		}
		boolean springAot = rest.endsWith("+spring-aot");
		if (springAot) {
			rest = rest.substring(0, rest.length() - "+spring-aot".length());
		}
		Layout layout = switch (rest) {
			case "jar" -> Layout.JAR;
			case "extracted" -> Layout.EXTRACTED;
			case "cds" -> Layout.CDS;
			case "aot-cache" -> Layout.AOT_CACHE;
			default -> throw new IllegalArgumentException("unknown start mode " + name
					+ ": expected [25:]{jar|extracted|cds|aot-cache}[+spring-aot]");
		};
		if (layout == Layout.AOT_CACHE && !jdk25) {
			// The bench itself runs on Java 17, which has no AOT cache (JDK 24+).
			throw new IllegalArgumentException(name + ": the AOT cache needs JDK 25, write 25:aot-cache");
		}
		return new Launch(name, jdk25, layout, springAot);
	}

	boolean extracted() {
		return this.layout != Layout.JAR;
	}

	boolean trained() {
		return this.layout == Layout.CDS || this.layout == Layout.AOT_CACHE;
	}

	/** JVM options of a measured start; {@code archive} is what the training run wrote. */
	List<String> jvmArgs(Path archive) {
		List<String> args = new ArrayList<>();
		switch (this.layout) {
			case CDS -> args.add("-XX:SharedArchiveFile=" + archive);
			case AOT_CACHE -> args.add("-XX:AOTCache=" + archive);
			default -> {
			}
		}
		if (this.springAot) {
			args.add("-Dspring.aot.enabled=true");
		}
		return args;
	}

	/**
	 * JVM options of the training run, as Spring Boot documents it: the context refreshes
	 * (beans created, web server started) and the JVM exits, writing the classes it loaded.
	 */
	List<String> trainingJvmArgs(Path archive) {
		List<String> args = new ArrayList<>();
		args.add((this.layout == Layout.CDS) ? "-XX:ArchiveClassesAtExit=" + archive : "-XX:AOTCacheOutput=" + archive);
		args.add("-Dspring.context.exit=onRefresh");
		if (this.springAot) {
			args.add("-Dspring.aot.enabled=true");
		}
		return args;
	}

}
