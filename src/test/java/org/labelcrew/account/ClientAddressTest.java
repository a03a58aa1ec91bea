package org.labelcrew.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

    private static MockHttpServletRequest request(String peer, String... forwardedFor) {
        MockHttpServletRequest r = new MockHttpServletRequest();
        r.setRemoteAddr(peer);
        for (String f : forwardedFor) r.addHeader("X-Forwarded-For", f);
        return r;
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddress addresses = new ClientAddress(List.of());
        assertThat(addresses.of(request("203.0.113.9", "1.2.3.4"))).isEqualTo("203.0.113.9");
    }

    @Test
    void behindATrustedProxyTheFirstUntrustedHopFromTheRightIsTheClient() {
        ClientAddress addresses = new ClientAddress(List.of("10.0.0.1", "10.0.0.2"));
        // The client wrote "6.6.6.6" itself; the proxies appended what they saw.
        assertThat(addresses.of(request("10.0.0.1", "6.6.6.6, 198.51.100.4, 10.0.0.2"))).isEqualTo("198.51.100.4");
        assertThat(addresses.of(request("10.0.0.1", "6.6.6.6", "198.51.100.4"))).isEqualTo("198.51.100.4");
        assertThat(addresses.of(request("10.0.0.1"))).isEqualTo("10.0.0.1");
        assertThat(addresses.of(request("10.0.0.1", "not-an-address"))).isEqualTo("10.0.0.1");
        // A peer that is not a trusted proxy is the client, whatever it writes.
        assertThat(addresses.of(request("198.51.100.9", "10.0.0.5"))).isEqualTo("198.51.100.9");
    }

    @Test
    void ipv6SpellingsMatchAndNamesAreRefused() {
        ClientAddress addresses = new ClientAddress(List.of("::1"));
        assertThat(addresses.of(request("0:0:0:0:0:0:0:1", "2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.example.com"))).isInstanceOf(IllegalArgumentException.class);
    }
}
