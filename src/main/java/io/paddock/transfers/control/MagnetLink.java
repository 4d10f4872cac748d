package io.paddock.transfers.control;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A magnet link checked before anything uses it: exactly one {@code xt=urn:btih:} infohash (40 hex or
 * 32 base32 characters), optional display name ({@code dn}), trackers ({@code tr}, http/https/udp) and
 * direct peers ({@code x.pe=host:port}). Anything else malformed is an {@code invalid-magnet} problem.
 */
public record MagnetLink(String infoHash, String displayName, List<String> trackers, List<String> peers) {

    static final int MAX_LENGTH = 8192;

    public static MagnetLink parse(String text) {
        if (text == null || text.isBlank()) {
            throw TorrentProblems.invalidMagnet("A magnet link is required.");
        }
        String uri = text.strip();
        if (uri.length() > MAX_LENGTH) {
            throw TorrentProblems.invalidMagnet("A magnet link may be at most " + MAX_LENGTH + " characters.");
        }
        if (!uri.regionMatches(true, 0, "magnet:?", 0, 8)) {
            throw TorrentProblems.invalidMagnet("A magnet link starts with 'magnet:?'.");
        }
        String hash = null;
        String name = null;
        List<String> trackers = new ArrayList<>();
        List<String> peers = new ArrayList<>();
        for (String pair : uri.substring(8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw TorrentProblems.invalidMagnet("Every parameter of a magnet link is name=value.");
            }
            String key = pair.substring(0, eq);
            String value;
            try {
                value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw TorrentProblems.invalidMagnet("The parameter '" + TorrentProblems.printable(key) + "' is not URL-encoded correctly.");
            }
            if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw TorrentProblems.invalidMagnet("A magnet parameter holds a control character.");
            }
            switch (key) {
                case "xt" -> {
                    if (value.regionMatches(true, 0, "urn:btih:", 0, 9)) {
                        if (hash != null) {
                            throw TorrentProblems.invalidMagnet("A magnet link names exactly one urn:btih infohash.");
                        }
                        hash = infoHash(value.substring(9));
                    }
                }
                case "dn" -> name = value;
                case "tr" -> trackers.add(tracker(value));
                case "x.pe" -> peers.add(peer(value, TorrentProblems::invalidMagnet));
                default -> {
                    // other parameters (xl, ws, as, kt...) are allowed and ignored
                }
            }
        }
        if (hash == null) {
            throw TorrentProblems.invalidMagnet("A magnet link needs xt=urn:btih:<infohash>.");
        }
        return new MagnetLink(hash, name, List.copyOf(trackers), List.copyOf(peers));
    }

    /** The link as bt-core's parser reads it: values encoded again, no parameter it would trip on. */
    public String canonical() {
        StringBuilder out = new StringBuilder("magnet:?xt=urn:btih:").append(infoHash);
        if (displayName != null && !displayName.isBlank()) {
            out.append("&dn=").append(java.net.URLEncoder.encode(displayName, StandardCharsets.UTF_8));
        }
        trackers.forEach(t -> out.append("&tr=").append(java.net.URLEncoder.encode(t, StandardCharsets.UTF_8)));
        peers.forEach(p -> out.append("&x.pe=").append(p));
        return out.toString();
    }

    private static String infoHash(String value) {
        if (value.length() == 40 && value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return value.toLowerCase(Locale.ROOT);
        }
        if (value.length() == 32) {
            byte[] bytes = base32(value.toUpperCase(Locale.ROOT));
            if (bytes != null) {
                return HexFormat.of().formatHex(bytes);
            }
        }
        throw TorrentProblems.invalidMagnet("The infohash must be 40 hexadecimal or 32 base32 characters.");
    }

    private static byte[] base32(String text) {
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        byte[] out = new byte[20];
        long buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : text.toCharArray()) {
            int v = alphabet.indexOf(c);
            if (v < 0) {
                return null;
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }

    private static String tracker(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("udp://"))
                || value.length() > 2000) {
            throw TorrentProblems.invalidMagnet("A tracker (tr) must be an http, https or udp URL.");
        }
        try {
            java.net.URI.create(value);
        } catch (IllegalArgumentException e) {
            throw TorrentProblems.invalidMagnet("A tracker (tr) is not a valid URL.");
        }
        return value;
    }

    /** Direct peers given apart from a magnet (comma- or space-separated host:port), checked. */
    public static List<String> peers(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String p : text.split("[,\\s]+")) {
                if (!p.isBlank()) {
                    out.add(peer(p.strip(), why -> new io.paddock.platform.errors.InvalidRequestException(
                            "invalid-peer", "Invalid peer", why)));
                }
            }
        }
        if (out.size() > 20) {
            throw new io.paddock.platform.errors.InvalidRequestException("invalid-peer", "Invalid peer",
                    "At most 20 direct peers may be given.");
        }
        return out;
    }

    private static String peer(String value, java.util.function.Function<String, RuntimeException> problem) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw problem.apply("A direct peer (x.pe) is host:port.");
        }
        String host = value.substring(0, colon);
        if (host.contains(":") || !host.matches("[A-Za-z0-9.\\-]{1,253}")) {
            throw problem.apply("A direct peer (x.pe) is host:port with an IPv4 address or host name.");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw problem.apply("A direct peer's port must be 1 to 65535.");
        }
        return host + ":" + port;
    }
}
