package io.paddock.transfers.control;

import io.paddock.platform.errors.AccessDeniedException;
import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.PaddockException;

/** The refusals of a torrent given to the transfers module (docs/api/transfers.md, "Errors"). */
public final class TorrentProblems {

    private TorrentProblems() {
    }

    public static InvalidRequestException invalidMagnet(String why) {
        return new InvalidRequestException("invalid-magnet", "Invalid magnet link", why);
    }

    public static InvalidRequestException invalidTorrent(String why) {
        return new InvalidRequestException("invalid-torrent", "Invalid .torrent file", why);
    }

    public static InvalidRequestException unsafePath(String path) {
        return new InvalidRequestException("unsafe-torrent-path", "Unsafe file name in torrent",
                "The torrent names a file outside its download folder or a name that cannot be stored as given ("
                        + printable(path) + "); nothing was written.");
    }

    public static ConflictException duplicate(String infoHash) {
        return new ConflictException("duplicate-job", "Job already exists",
                "You already have a job for the torrent " + infoHash + ".");
    }

    public static AccessDeniedException blocked(String infoHash) {
        return new AccessDeniedException("blocked-torrent", "Torrent refused",
                "The torrent " + infoHash + " is on this server's blocklist.");
    }

    /** A .torrent file over the size limit: 413. */
    public static PaddockException tooLarge(long max) {
        return new TooLarge(max);
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }

    static final class TooLarge extends PaddockException {

        private static final long serialVersionUID = 1L;

        TooLarge(long max) {
            super("torrent-too-large", "Torrent file too large",
                    "A .torrent file may be at most " + (max / (1024 * 1024)) + " MB.");
        }

        @Override
        public int status() {
            return 413;
        }
    }
}
