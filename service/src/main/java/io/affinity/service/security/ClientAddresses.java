package io.affinity.service.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.netty.util.NetUtil;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The client a request comes from, as the key of the rate limits: the peer of the connection,
 * unless {@code micronaut.server.client-address-header} names a header that a proxy in front of the
 * service sets (then the last address in it, the one that proxy added). Micronaut's {@link
 * HttpClientAddressResolver} alone also believes {@code Forwarded} and {@code X-Forwarded-For} from
 * anyone, which would let a guesser name a new address with every request.
 *
 * <p>An IPv6 client counts by its /64 network: one host commonly holds a whole /64.
 */
@Singleton
public class ClientAddresses {
  private static final int MAX_LENGTH = 64;

  private final HttpClientAddressResolver resolver;
  private final boolean headerConfigured;

  public ClientAddresses(HttpClientAddressResolver resolver, HttpServerConfiguration server) {
    this.resolver = resolver;
    this.headerConfigured = server.getClientAddressHeader() != null;
  }

  /** The client of {@code request}, such as {@code 203.0.113.9} or {@code 2001:db8:0:1::/64}. */
  public String of(HttpRequest<?> request) {
    String address = null;
    if (headerConfigured) {
      address = lastOf(resolver.resolve(request));
    }
    if (address == null) {
      InetSocketAddress peer = request.getRemoteAddress();
      InetAddress ip = peer.getAddress();
      address = ip != null ? ip.getHostAddress() : peer.getHostString();
    }
    return normalise(address);
  }

  /** The last of the comma-separated addresses in {@code header}, or null if there is none. */
  private static @Nullable String lastOf(@Nullable String header) {
    if (header == null) {
      return null;
    }
    String last = header.substring(header.lastIndexOf(',') + 1).trim();
    return last.isEmpty() ? null : last;
  }

  /** One spelling per client: an IPv4 address, an IPv6 /64 network, or the text as given. */
  static String normalise(String address) {
    String literal = address;
    if (literal.startsWith("[") && literal.contains("]")) {
      literal = literal.substring(1, literal.indexOf(']'));
    }
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
    if (bytes == null) {
      // Not an address (a proxy's obfuscated identifier, say): limited as it is spelt.
      return address.length() > MAX_LENGTH ? address.substring(0, MAX_LENGTH) : address;
    }
    if (bytes.length == 4) {
      return ipv4(bytes, 0);
    }
    if (isIpv4Mapped(bytes)) {
      return ipv4(bytes, 12);
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i += 2) {
      s.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
    }
    return s.append(":/64").toString();
  }

  private static String ipv4(byte[] b, int from) {
    return (b[from] & 0xff)
        + "."
        + (b[from + 1] & 0xff)
        + "."
        + (b[from + 2] & 0xff)
        + "."
        + (b[from + 3] & 0xff);
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }
}
