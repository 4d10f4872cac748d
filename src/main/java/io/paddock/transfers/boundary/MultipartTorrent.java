package io.paddock.transfers.boundary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.transfers.control.TorrentProblems;

/**
 * The .torrent of an upload, read with a hard size bound: a {@code multipart/form-data} body's part
 * named {@code torrent} (or its first file part), or a raw {@code application/x-bittorrent} body.
 * Reading stops past the bound, so an oversized upload is refused without holding it.
 */
final class MultipartTorrent {

    static final int MAX_TORRENT = 10 * 1024 * 1024;
    private static final int MULTIPART_OVERHEAD = 64 * 1024;

    private MultipartTorrent() {
    }

    static byte[] raw(InputStream body) throws IOException {
        byte[] bytes = read(body, MAX_TORRENT);
        if (bytes.length == 0) {
            throw TorrentProblems.invalidTorrent("The body is empty.");
        }
        return bytes;
    }

    /** The .torrent of an upload and the optional {@code peers} field. */
    record Upload(byte[] torrent, String peers) {
    }

    static Upload fromMultipart(String contentType, InputStream body) throws IOException {
        String boundary = boundary(contentType);
        byte[] all = read(body, MAX_TORRENT + MULTIPART_OVERHEAD);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(all, delimiter, 0);
        byte[] fallback = null;
        byte[] torrent = null;
        String peers = null;
        while (at >= 0) {
            int headersStart = at + delimiter.length;
            if (headersStart + 2 <= all.length && all[headersStart] == '-' && all[headersStart + 1] == '-') {
                break; // closing delimiter
            }
            headersStart += 2; // CRLF
            int headersEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) {
                break;
            }
            String headers = new String(all, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1)
                    .toLowerCase(Locale.ROOT);
            int bodyStart = headersEnd + 4;
            int next = indexOf(all, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), bodyStart);
            if (next < 0) {
                break;
            }
            byte[] part = java.util.Arrays.copyOfRange(all, bodyStart, next);
            if (headers.contains("name=\"torrent\"")) {
                torrent = part;
            } else if (headers.contains("name=\"peers\"") && part.length <= 2000) {
                peers = new String(part, StandardCharsets.UTF_8);
            } else if (fallback == null && headers.contains("filename=")) {
                fallback = part;
            }
            at = next + 2;
        }
        if (torrent != null || fallback != null) {
            return new Upload(bounded(torrent != null ? torrent : fallback), peers);
        }
        throw new InvalidRequestException("torrent-missing", "No .torrent in the upload",
                "Send the .torrent file as the multipart field 'torrent'.");
    }

    private static byte[] bounded(byte[] part) {
        if (part.length > MAX_TORRENT) {
            throw TorrentProblems.tooLarge(MAX_TORRENT);
        }
        if (part.length == 0) {
            throw TorrentProblems.invalidTorrent("The uploaded file is empty.");
        }
        return part;
    }

    private static String boundary(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring(9).strip();
                if (b.startsWith("\"") && b.endsWith("\"") && b.length() >= 2) {
                    b = b.substring(1, b.length() - 1);
                }
                if (!b.isEmpty() && b.length() <= 200) {
                    return b;
                }
            }
        }
        throw new InvalidRequestException("torrent-missing", "No multipart boundary",
                "A multipart/form-data body needs a boundary parameter in its Content-Type.");
    }

    /** The body, refused as too large once it passes {@code max} bytes. */
    private static byte[] read(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > max) {
                throw TorrentProblems.tooLarge(MAX_TORRENT);
            }
        }
        return out.toByteArray();
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
