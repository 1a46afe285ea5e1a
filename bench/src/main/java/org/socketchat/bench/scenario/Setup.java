package org.socketchat.bench.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.socketchat.bench.process.AppProcess;
import org.socketchat.bench.process.Target;

/**
 * What every scenario needs to know about where it runs.
 *
 * @param repo the repository root (the schema migrations, target/sqld/sqld)
 * @param jar the app's fat jar
 * @param work a fresh directory for this bench run's databases and logs
 * @param appJvmArgs extra JVM options for every app the bench starts
 * @param url a running server to load instead of starting one, or {@code null}
 * @param pid that server's pid for /proc figures, or {@code null}
 * @param sqld the libSQL server binary
 */
public record Setup(Path repo, Path jar, Path work, List<String> appJvmArgs, URI url, Long pid, Path sqld) {

	/** Whether scenarios start their own app (and so can report its /proc figures). */
	boolean startsApp() {
		return this.url == null;
	}

	/** The server given with {@code --url}. */
	Target givenTarget() {
		return new Target(this.url, this.pid);
	}

	/** Starts the app in {@code work/name}, waits until healthy. */
	AppProcess startApp(String name, List<String> moreJvmArgs, Map<String, String> env) {
		List<String> jvm = new ArrayList<>(this.appJvmArgs);
		jvm.addAll(moreJvmArgs);
		return AppProcess.startHealthy(this.jar, this.work.resolve(name), jvm, env, List.of());
	}

	/** The app's schema migrations, {@code V1__...sql} and on. */
	Path migrations() {
		return this.repo.resolve("src/main/resources/db/migration");
	}

}
