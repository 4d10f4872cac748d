package io.paddock.transfers.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The download folder as a store: {@code <dir>/<job id>/<path>}, where the engine wrote the files. */
public class LocalFileStore implements FileStore {

    private static final Logger LOG = Logger.getLogger(LocalFileStore.class.getName());

    private final Path root;

    public LocalFileStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The download folder itself. */
    public Path root() {
        return root;
    }

    public Path jobDirectory(UUID jobId) {
        return root.resolve(jobId.toString());
    }

    /** The file of a key, refusing any key that would leave the folder. */
    public Path path(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("Key outside the download folder: " + key);
        }
        return path;
    }

    @Override
    public String key(UUID jobId, String path) {
        return jobId + "/" + path;
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(path(key));
        channel.position(offset);
        return new BoundedStream(Channels.newInputStream(channel), length);
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public void deleteJob(UUID jobId) {
        Path dir = jobDirectory(jobId);
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not remove " + dir, e);
        }
    }

    @Override
    public Set<UUID> jobIds() {
        Set<UUID> ids = new HashSet<>();
        if (!Files.isDirectory(root)) {
            return ids;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                try {
                    ids.add(UUID.fromString(dir.getFileName().toString()));
                } catch (IllegalArgumentException e) {
                    // not a job's folder: left alone
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not list " + root, e);
        }
        return ids;
    }

    /** At most {@code remaining} bytes of a stream. */
    static final class BoundedStream extends java.io.FilterInputStream {

        private long remaining;

        BoundedStream(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
