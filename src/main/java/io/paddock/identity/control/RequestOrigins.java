package io.paddock.identity.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request's origin in words a person can check: which device (from its User-Agent) and roughly where
 * (its address cut to the network: IPv4 /24, IPv6 /48). Shown to someone asked to approve another
 * device's sign-in, who needs to recognise their own device, not to learn a stranger's exact address.
 */
public final class RequestOrigins {

    static final int MAX_DEVICE = 80;

    private static final Pattern IPV4 = Pattern.compile("^(?:::ffff:)?(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.\\d{1,3}$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:]{2,39}$");

    private RequestOrigins() {
    }

    /**
     * "Chrome on Windows" for a browser; for a program that names itself (the plugin, a script) its own
     * User-Agent, shortened; "Unknown device" without one. A device can claim to be anything: the text is
     * what it says about itself.
     */
    public static String device(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown device";
        }
        String agent = userAgent.replaceAll("[^\\x20-\\x7e]", "").replaceAll("\\s+", " ").strip();
        String browser = browser(agent);
        if (browser != null && agent.startsWith("Mozilla/")) {
            String system = system(agent);
            return system == null ? browser : browser + " on " + system;
        }
        if (agent.isEmpty()) {
            return "Unknown device";
        }
        return agent.length() <= MAX_DEVICE ? agent : agent.substring(0, MAX_DEVICE - 1) + "…";
    }

    private static String browser(String agent) {
        if (agent.contains("Firefox/")) {
            return "Firefox";
        }
        if (agent.contains("Edg/")) {
            return "Edge";
        }
        if (agent.contains("OPR/")) {
            return "Opera";
        }
        if (agent.contains("Chrome/") || agent.contains("CriOS/")) {
            return "Chrome";
        }
        if (agent.contains("Safari/")) {
            return "Safari";
        }
        return null;
    }

    private static String system(String agent) {
        if (agent.contains("Windows")) {
            return "Windows";
        }
        if (agent.contains("Android")) {
            return "Android";
        }
        if (agent.contains("iPhone") || agent.contains("iPad")) {
            return "iOS";
        }
        if (agent.contains("Mac OS X")) {
            return "macOS";
        }
        if (agent.contains("CrOS")) {
            return "ChromeOS";
        }
        if (agent.contains("Linux")) {
            return "Linux";
        }
        return null;
    }

    /** {@code 203.0.113.x} for IPv4, {@code 2001:db8:85a3::/48} for IPv6, "unknown" for anything else. */
    public static String approximateAddress(String address) {
        if (address == null) {
            return "unknown";
        }
        String literal = address.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        Matcher v4 = IPV4.matcher(literal);
        if (v4.matches()) {
            return v4.group(1) + "." + v4.group(2) + "." + v4.group(3) + ".x";
        }
        List<String> groups = IPV6.matcher(literal).matches() ? ipv6Groups(literal) : null;
        if (groups == null) {
            return "unknown";
        }
        return groups.get(0) + ":" + groups.get(1) + ":" + groups.get(2) + "::/48";
    }

    /** The eight groups of an IPv6 literal, "::" expanded and leading zeros dropped; null when malformed. */
    private static List<String> ipv6Groups(String literal) {
        String[] halves = literal.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        List<String> head = groups(halves[0]);
        List<String> tail = halves.length == 2 ? groups(halves[1]) : List.of();
        if (head == null || tail == null) {
            return null;
        }
        int missing = 8 - head.size() - tail.size();
        if (halves.length == 1 ? missing != 0 : missing < 1) {
            return null;
        }
        List<String> all = new ArrayList<>(head);
        for (int i = 0; i < (halves.length == 2 ? missing : 0); i++) {
            all.add("0");
        }
        all.addAll(tail);
        return all;
    }

    private static List<String> groups(String part) {
        if (part.isEmpty()) {
            return List.of();
        }
        List<String> groups = new ArrayList<>();
        for (String group : Arrays.asList(part.split(":", -1))) {
            if (group.isEmpty() || group.length() > 4) {
                return null;
            }
            groups.add(Integer.toHexString(Integer.parseInt(group, 16)).toLowerCase(Locale.ROOT));
        }
        return groups;
    }
}
