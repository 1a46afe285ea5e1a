package org.socketchat.bench.measure;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TcpStatesTests {

	@Test
	void readsTheStateOfEachConnectionOfALocalPortByThePeersPortAndSkipsListeners() {
		String table = """
				  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
				   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1 1
				   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 2 1
				   2: 0100007F:1F90 0100007F:C351 04 003F0000:00000000 01:00000010 00000000  1000        0 3 1
				   3: 0100007F:C350 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 4 1
				""";
		assertThat(TcpStates.parse(table, 0x1F90)).containsExactlyInAnyOrderEntriesOf(
				Map.of(0xC350, TcpStates.ESTABLISHED, 0xC351, 0x04));
	}

	@Test
	void theServersEndLeavesEstablishedWhenTheServerClosesIt() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new Socket()) {
			client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
			Socket accepted = server.accept();
			assertThat(TcpStates.ofLocalPort(server.getLocalPort())).containsEntry(client.getLocalPort(),
					TcpStates.ESTABLISHED);
			accepted.close();
			assertThat(TcpStates.ofLocalPort(server.getLocalPort()).get(client.getLocalPort()))
				.isNotEqualTo(TcpStates.ESTABLISHED);
		}
	}

}
