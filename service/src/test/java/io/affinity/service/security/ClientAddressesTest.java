package io.affinity.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One spelling per client: IPv4 as is, IPv6 by its /64, mapped IPv4 as IPv4. */
class ClientAddressesTest {
  @Test
  void addressesAreNormalised() {
    assertThat(ClientAddresses.normalise("203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(ClientAddresses.normalise("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(ClientAddresses.normalise("2001:db8:0:1::1")).isEqualTo("2001:db8:0:1::/64");
    assertThat(ClientAddresses.normalise("[2001:DB8:0:1:ffff::9]")).isEqualTo("2001:db8:0:1::/64");
    assertThat(ClientAddresses.normalise("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
    assertThat(ClientAddresses.normalise("_hidden")).isEqualTo("_hidden");
    assertThat(ClientAddresses.normalise("x".repeat(100))).hasSize(64);
  }
}
