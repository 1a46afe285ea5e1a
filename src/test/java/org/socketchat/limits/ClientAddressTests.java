package org.socketchat.limits;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTests {

	@Test
	void anIpv4AddressIsItself() {
		assertThat(ClientAddress.of("203.0.113.7")).isEqualTo("203.0.113.7");
	}

	@Test
	void ipv6AddressesInOneSlash64AreOneClient() {
		assertThat(ClientAddress.of("2001:db8:1:2::1")).isEqualTo(ClientAddress.of("2001:db8:1:2:ffff:1:2:3"))
			.isEqualTo("20010db800010002::/64");
		assertThat(ClientAddress.of("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.of("2001:db8:1:2::1"));
		assertThat(ClientAddress.of("::1")).isEqualTo("0:0:0:0:0:0:0:1");
	}

}
