package io.paddock.transfers.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.paddock.platform.ids.Ids;
import io.paddock.transfers.control.ByteRanges;
import io.paddock.transfers.control.Downloads;

/**
 * A stored file as an HTTP answer: the whole file (200), one range (206 with {@code Content-Range}),
 * several ranges (206 {@code multipart/byteranges}), or 416 when no range fits. Always
 * {@code Accept-Ranges: bytes}, the file's media type and an attachment {@code Content-Disposition}.
 */
final class FileResponses {

    private FileResponses() {
    }

    static Response of(Downloads.Stored file, String rangeHeader) {
        List<ByteRanges.Range> ranges = ByteRanges.parse(rangeHeader, file.size());
        Response.ResponseBuilder answer;
        if (ranges.isEmpty()) {
            answer = Response.ok(copy(file, 0, file.size()), file.contentType())
                    .header("Content-Length", file.size());
        } else if (ranges.size() == 1) {
            ByteRanges.Range r = ranges.get(0);
            answer = Response.status(206).entity(copy(file, r.first(), r.length())).type(file.contentType())
                    .header("Content-Range", r.contentRange(file.size())).header("Content-Length", r.length());
        } else {
            String boundary = "paddock-" + Ids.random().toString().replace("-", "");
            StreamingOutput body = out -> {
                for (ByteRanges.Range r : ranges) {
                    out.write(("\r\n--" + boundary + "\r\nContent-Type: " + file.contentType() + "\r\nContent-Range: "
                            + r.contentRange(file.size()) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    write(file, r.first(), r.length(), out);
                }
                out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
            };
            answer = Response.status(206).entity(body).type("multipart/byteranges; boundary=" + boundary);
        }
        return answer.header("Accept-Ranges", "bytes").header("Content-Disposition", attachment(file.name()))
                .header("Cache-Control", "private, no-store").build();
    }

    private static StreamingOutput copy(Downloads.Stored file, long offset, long length) {
        return out -> write(file, offset, length, out);
    }

    private static void write(Downloads.Stored file, long offset, long length, OutputStream out) throws IOException {
        try (InputStream in = file.store().open(file.key(), offset, length)) {
            in.transferTo(out);
        }
    }

    /** {@code attachment} with an ASCII fallback name and the exact name in RFC 5987 form. */
    static String attachment(String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
