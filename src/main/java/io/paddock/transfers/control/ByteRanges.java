package io.paddock.transfers.control;

import java.util.ArrayList;
import java.util.List;

import io.paddock.platform.errors.PaddockException;

/**
 * HTTP {@code Range: bytes=…} of a file of a known size (RFC 9110 §14): {@code a-b}, {@code a-} and
 * suffix {@code -n} ranges, at most 16 of them. A header that is not a bytes range is ignored (the whole
 * file is sent); ranges none of which overlap the file are a 416 with {@code Content-Range: bytes *}/size.
 */
public final class ByteRanges {

    static final int MAX_RANGES = 16;

    /** An inclusive byte range. */
    public record Range(long first, long last) {

        public long length() {
            return last - first + 1;
        }

        public String contentRange(long size) {
            return "bytes " + first + "-" + last + "/" + size;
        }
    }

    private ByteRanges() {
    }

    /** The satisfiable ranges of {@code header}, or an empty list for "send the whole file". */
    public static List<Range> parse(String header, long size) {
        if (header == null || !header.strip().startsWith("bytes=")) {
            return List.of();
        }
        String[] specs = header.strip().substring(6).split(",");
        if (specs.length > MAX_RANGES) {
            return List.of();
        }
        List<Range> ranges = new ArrayList<>();
        for (String raw : specs) {
            String spec = raw.strip();
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return List.of();
            }
            try {
                String a = spec.substring(0, dash).strip();
                String b = spec.substring(dash + 1).strip();
                if (a.isEmpty()) {
                    long suffix = Long.parseLong(b);
                    if (suffix < 0) {
                        return List.of();
                    }
                    if (suffix > 0 && size > 0) {
                        ranges.add(new Range(Math.max(0, size - suffix), size - 1));
                    }
                } else {
                    long first = Long.parseLong(a);
                    long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
                    if (first < 0 || last < first) {
                        return List.of();
                    }
                    if (first < size) {
                        ranges.add(new Range(first, Math.min(last, size - 1)));
                    }
                }
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        if (ranges.isEmpty()) {
            throw new NotSatisfiable(size);
        }
        return ranges;
    }

    /** No range overlaps the file: 416 with the file's size. */
    public static final class NotSatisfiable extends PaddockException {

        private static final long serialVersionUID = 1L;
        private final long size;

        NotSatisfiable(long size) {
            super("range-not-satisfiable", "Range not satisfiable",
                    "No requested range overlaps the file of " + size + " bytes.");
            this.size = size;
        }

        @Override
        public int status() {
            return 416;
        }

        @Override
        public java.util.Map<String, String> headers() {
            return java.util.Map.of("Content-Range", "bytes */" + size);
        }
    }
}
