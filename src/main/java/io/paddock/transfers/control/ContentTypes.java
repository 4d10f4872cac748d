package io.paddock.transfers.control;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;

/** A file's media type from its name: the JDK's table plus the formats torrents commonly carry. */
public final class ContentTypes {

    private static final Map<String, String> EXTRA = Map.ofEntries(Map.entry("mkv", "video/x-matroska"),
            Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"), Map.entry("avi", "video/x-msvideo"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("flac", "audio/flac"), Map.entry("ogg", "audio/ogg"),
            Map.entry("iso", "application/x-iso9660-image"), Map.entry("zip", "application/zip"),
            Map.entry("7z", "application/x-7z-compressed"), Map.entry("rar", "application/vnd.rar"),
            Map.entry("gz", "application/gzip"), Map.entry("tar", "application/x-tar"),
            Map.entry("txt", "text/plain"), Map.entry("json", "application/json"), Map.entry("pdf", "application/pdf"),
            Map.entry("srt", "application/x-subrip"), Map.entry("nfo", "text/plain"),
            Map.entry("torrent", "application/x-bittorrent"));

    private ContentTypes() {
    }

    public static String of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot >= 0) {
            String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
            String known = EXTRA.get(ext);
            if (known != null) {
                return known;
            }
        }
        String guessed = URLConnection.getFileNameMap().getContentTypeFor(fileName);
        return guessed == null ? "application/octet-stream" : guessed;
    }
}
