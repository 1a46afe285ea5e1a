package org.socketchat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for the servers tests start: on loopback only. */
public final class LoopbackPorts {

	private LoopbackPorts() {
	}

	/** A port free on 127.0.0.1 now (another process could take it before it is used). */
	public static int free() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
