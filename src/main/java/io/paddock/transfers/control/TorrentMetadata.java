package io.paddock.transfers.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import bt.metainfo.MetadataService;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentFile;

/**
 * What a torrent holds, checked: its infohash, name, total size and files with the path each is
 * written to, relative to the job's folder ({@code name/a/b} for a multi-file torrent, {@code name}
 * for a single file, as bt-core's file storage lays them out). A name that would leave the folder or
 * that the storage would have to rewrite is refused ({@code unsafe-torrent-path}) before anything is
 * written.
 */
public record TorrentMetadata(String infoHash, String name, long totalBytes, List<Entry> files) {

    /** One file: its index in the torrent, its path under the job's folder, its size. */
    public record Entry(int index, String path, long size) {
    }

    /** Reads a .torrent file; anything that is not a bencoded torrent is an {@code invalid-torrent} problem. */
    public static TorrentMetadata parse(byte[] metainfo) {
        if (metainfo.length == 0 || metainfo[0] != 'd') {
            throw TorrentProblems.invalidTorrent("The file is not a bencoded .torrent (it must start with a dictionary).");
        }
        Torrent torrent;
        try {
            torrent = new MetadataService().fromByteArray(metainfo);
        } catch (RuntimeException e) {
            throw TorrentProblems.invalidTorrent("The file is not a valid bencoded .torrent: "
                    + TorrentProblems.printable(String.valueOf(e.getMessage())));
        }
        return of(torrent);
    }

    /** The checked view of a torrent bt-core read (from a file, or fetched from peers). */
    public static TorrentMetadata of(Torrent torrent) {
        String name = torrent.getName();
        List<TorrentFile> files = torrent.getFiles();
        if (files == null || files.isEmpty()) {
            throw TorrentProblems.invalidTorrent("The torrent lists no files.");
        }
        List<Entry> entries = new ArrayList<>();
        boolean multi = files.size() > 1;
        if (multi) {
            checkElement(name == null ? "" : name);
        }
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            TorrentFile file = files.get(i);
            List<String> elements = file.getPathElements();
            if (elements == null || elements.isEmpty()) {
                throw TorrentProblems.unsafePath("");
            }
            elements.forEach(TorrentMetadata::checkElement);
            String path = String.join("/", elements);
            if (multi) {
                path = name + "/" + path;
            }
            if (path.length() > 4000) {
                throw TorrentProblems.unsafePath(path.substring(0, 100) + "…");
            }
            if (file.getSize() < 0) {
                throw TorrentProblems.invalidTorrent("A file has a negative size.");
            }
            total += file.getSize();
            entries.add(new Entry(i, path, file.getSize()));
        }
        String displayName = name == null || name.isBlank() ? entries.get(0).path() : name;
        return new TorrentMetadata(HexFormat.of().formatHex(torrent.getTorrentId().getBytes()), displayName, total,
                List.copyOf(entries));
    }

    /**
     * One path element as the file storage would write it unchanged: not empty, not {@code .} or
     * {@code ..}, no separator, NUL or control character, no leading or trailing space and no
     * trailing dot (which the storage strips), no drive letter.
     */
    static void checkElement(String element) {
        boolean bad = element.isEmpty() || element.equals(".") || element.equals("..")
                || element.indexOf('/') >= 0 || element.indexOf('\\') >= 0
                || element.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                || !element.equals(element.strip()) || element.endsWith(".")
                || (element.length() >= 2 && element.charAt(1) == ':')
                || element.getBytes(StandardCharsets.UTF_8).length > 255;
        if (bad) {
            throw TorrentProblems.unsafePath(element);
        }
    }
}
