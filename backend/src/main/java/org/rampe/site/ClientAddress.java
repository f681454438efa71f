package org.rampe.site;

import java.net.Inet6Address;
import java.net.InetAddress;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address a limit counts a request under. The request's remote address is the client's real one
 * (Tomcat's {@code RemoteIpValve} takes {@code X-Forwarded-For} only from the proxies named by
 * {@code server.tomcat.remoteip.internal-proxies}, loopback by default). An IPv4 address counts as
 * itself; an IPv6 address counts by its /64, the block one subscriber is given and can walk through
 * at will (a limit per full IPv6 address would hold nobody).
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /** The request's address as a limit counts it. */
    public static String of(HttpServletRequest request) {
        return of(request.getRemoteAddr());
    }

    /** {@code 192.0.2.7} as is; {@code 2001:db8:1:2:a:b:c:d} as {@code 2001:db8:1:2::/64}; anything unparsable as given. */
    public static String of(String address) {
        if (address == null || address.isEmpty()) {
            return "unknown";
        }
        InetAddress parsed;
        try {
            parsed = InetAddress.ofLiteral(address.startsWith("[") && address.endsWith("]")
                    ? address.substring(1, address.length() - 1) : address);
        } catch (IllegalArgumentException e) {
            return address;
        }
        if (!(parsed instanceof Inet6Address)) {
            return parsed.getHostAddress();
        }
        byte[] bytes = parsed.getAddress();
        var prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }
}
