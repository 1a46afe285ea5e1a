package org.socketchat.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * What the limits per address count by: an IPv4 address, or the /64 an IPv6 address is
 * in, since one subscriber is routinely given a whole /64 and could otherwise open as
 * many "addresses" as it likes.
 */
final class ClientAddress {

	private ClientAddress() {
	}

	static String of(InetAddress address) {
		if (address instanceof Inet6Address && !address.isLoopbackAddress()) {
			byte[] network = new byte[8];
			System.arraycopy(address.getAddress(), 0, network, 0, 8);
			return HexFormat.of().formatHex(network) + "::/64";
		}
		return address.getHostAddress();
	}

	/** For an address as the servlet request gives it: a literal, so no name is looked up. */
	static String of(String literal) {
		try {
			return of(InetAddress.getByName(literal));
		}
		catch (UnknownHostException ex) {
			return literal;
		}
	}

}
