package io.paddock.transfers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A bencode writer for hand-made .torrent files (strings, byte strings, numbers, lists, sorted dictionaries). */
final class Bencode {

    private Bencode() {
    }

    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        if (value instanceof String s) {
            write(out, s.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof byte[] b) {
            out.writeBytes((b.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(b);
        } else if (value instanceof Number n) {
            out.writeBytes(("i" + n.longValue() + "e").getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof List<?> list) {
            out.write('l');
            list.forEach(v -> write(out, v));
            out.write('e');
        } else if (value instanceof Map<?, ?> map) {
            out.write('d');
            new TreeMap<>(map).forEach((k, v) -> {
                write(out, k);
                write(out, v);
            });
            out.write('e');
        } else {
            throw new IllegalArgumentException("Not bencodable: " + value);
        }
    }

    /** A multi-file torrent named {@code name} with one file per path (each {@code size} bytes, dummy hashes). */
    static byte[] torrent(String name, List<List<String>> paths, long size) {
        long total = size * paths.size();
        int piece = 16 * 1024 * 1024;
        long pieces = (total + piece - 1) / piece;
        byte[] hashes = new byte[(int) (pieces * 20)];
        List<Object> files = paths.stream().map(p -> (Object) Map.of("length", size, "path", p)).toList();
        return encode(Map.of("info", Map.of("name", name, "piece length", piece, "pieces", hashes, "files", files)));
    }
}
