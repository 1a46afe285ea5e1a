package org.socketchat.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The kernel's table of TCP connections ({@code /proc/net/tcp} and {@code tcp6}). The bench
 * and the server share one machine, so the table shows the server's end of each of the
 * bench's connections: it leaves ESTABLISHED the moment the server closes or resets it,
 * even while the client, not reading, has yet to see that.
 */
public final class TcpStates {

	/** The state code of an open connection; FIN_WAIT1 (04) etc. once this end closed it. */
	public static final int ESTABLISHED = 0x01;

	private static final int LISTEN = 0x0A;

	private TcpStates() {
	}

	/** The state of every connection whose local port is {@code port}, by the peer's port. */
	public static Map<Integer, Integer> ofLocalPort(int port) {
		Map<Integer, Integer> states = new HashMap<>();
		for (String table : new String[] { "/proc/net/tcp", "/proc/net/tcp6" }) {
			try {
				states.putAll(parse(Files.readString(Path.of(table)), port));
			}
			catch (IOException ex) {
				// no IPv6 on this machine: the other table holds them all
			}
		}
		return states;
	}

	/**
	 * Lines such as {@code 0: 0100007F:1F90 0100007F:C350 01 ...}: local address:port,
	 * remote address:port, state, all hexadecimal; the header line and listeners skipped.
	 */
	static Map<Integer, Integer> parse(String table, int port) {
		Map<Integer, Integer> states = new HashMap<>();
		for (String line : table.split("\n")) {
			String[] fields = line.strip().split("\\s+");
			if (fields.length < 4 || !fields[0].endsWith(":")) {
				continue;
			}
			int state = Integer.parseInt(fields[3], 16);
			if (port(fields[1]) == port && state != LISTEN) {
				states.put(port(fields[2]), state);
			}
		}
		return states;
	}

	private static int port(String addressAndPort) {
		return Integer.parseInt(addressAndPort.substring(addressAndPort.lastIndexOf(':') + 1), 16);
	}

}
