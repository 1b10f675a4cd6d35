package dev.aadsts.signin.report;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** How much of a person a report shows: all of it in a private answer, a hint in shared places. */
public enum Masking {
    NONE,
    SHARED;

    /** {@code adele.vance@contoso.com} → {@code ad…@contoso.com}. */
    public String user(String upn) {
        if (this == NONE || upn == null) {
            return upn;
        }
        int at = upn.indexOf('@');
        String local = at < 0 ? upn : upn.substring(0, at);
        String domain = at < 0 ? "" : upn.substring(at);
        return local.substring(0, Math.min(2, local.length())) + "…" + domain;
    }

    /** IPv4 to its /24, IPv6 to its /48; anything unparseable is hidden. */
    public String ip(String address) {
        if (this == NONE || address == null) {
            return address;
        }
        if (!address.matches("[0-9A-Fa-f:.]{2,45}")) {
            return "(hidden)";
        }
        try {
            // Only literals reach here (the pattern above), so no name lookup can happen.
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length == 4) {
                return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
            }
            return String.format("%x:%x:%x::/48", word(bytes, 0), word(bytes, 2), word(bytes, 4));
        } catch (UnknownHostException e) {
            return "(hidden)";
        }
    }

    /** Names that identify a person or their machine are left out entirely. */
    public String personal(String value) {
        return this == NONE ? value : null;
    }

    private static int word(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
}
