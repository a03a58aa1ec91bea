package org.labelcrew.account;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The address a request comes from, for the sign-in and sign-up brakes. By default the socket's peer: a client can
 * write anything into {@code X-Forwarded-For}, so the header counts only when the peer is one of the operator's own
 * proxies ({@code labelcrew.security.trusted-proxies}, {@code LABELCREW_TRUSTED_PROXIES}: a comma-separated list of
 * exact IP addresses). Then the header is read from the right, skipping every trusted hop, and the first address that
 * is not a trusted proxy is the client — the left-most entries were written by the client and are never believed.
 */
@Component
public class ClientAddress {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final Set<String> trusted;

    ClientAddress(@Value("${labelcrew.security.trusted-proxies:}") List<String> trustedProxies) {
        Set<String> set = new HashSet<>();
        for (String p : trustedProxies == null ? List.<String>of() : trustedProxies) {
            if (p == null || p.isBlank()) continue;
            String n = normalize(p.trim());
            if (n == null) throw new IllegalArgumentException("labelcrew.security.trusted-proxies: '" + p
                    + "' is not an IP address (names and ranges are not accepted)");
            set.add(n);
        }
        this.trusted = Collections.unmodifiableSet(set);
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trusted.isEmpty() || !trusted.contains(normalize(peer))) return peer;
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = normalize(hops.get(i));
            if (hop == null) return peer; // garbage in the chain: do not guess, count the proxy itself
            if (!trusted.contains(hop)) return hop;
        }
        return peer;
    }

    /** The canonical text of an IP literal (so ::1 and 0:0:0:0:0:0:0:1 match); null for anything else (no DNS). */
    static String normalize(String address) {
        if (address == null) return null;
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!IP_LITERAL.matcher(a).matches() || (!a.contains(":") && !a.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) return null;
        try {
            return InetAddress.getByName(a).getHostAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
