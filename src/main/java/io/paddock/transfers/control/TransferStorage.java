package io.paddock.transfers.control;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.transfers.entity.StorageKind;

/**
 * The stores of this node: the download folder ({@code paddock.transfers.download-dir}) where the
 * engine writes, and, when {@code paddock.transfers.storage=s3}, the bucket finished files go to
 * (docs/configuration.md, "Transfers").
 */
@ApplicationScoped
public class TransferStorage {

    @Inject
    @ConfigProperty(name = "paddock.transfers.download-dir", defaultValue = "transfers")
    String downloadDir;

    @Inject
    @ConfigProperty(name = "paddock.transfers.storage", defaultValue = "local")
    String kind;

    @Inject
    @ConfigProperty(name = "paddock.transfers.s3.endpoint")
    Optional<String> endpoint;

    @Inject
    @ConfigProperty(name = "paddock.transfers.s3.region", defaultValue = "us-east-1")
    String region;

    @Inject
    @ConfigProperty(name = "paddock.transfers.s3.bucket", defaultValue = "paddock-transfers")
    String bucket;

    @Inject
    @ConfigProperty(name = "paddock.transfers.s3.access-key")
    Optional<String> accessKey;

    @Inject
    @ConfigProperty(name = "paddock.transfers.s3.secret-key")
    Optional<String> secretKey;

    @Inject
    @ConfigProperty(name = "paddock.transfers.s3.path-style", defaultValue = "true")
    boolean pathStyle;

    @Inject
    @ConfigProperty(name = "paddock.transfers.s3.part-size", defaultValue = "8388608")
    long partSize;

    private LocalFileStore local;
    private S3FileStore s3;

    @PostConstruct
    void open() {
        local = new LocalFileStore(Path.of(downloadDir));
        if ("s3".equalsIgnoreCase(kind.strip())) {
            s3 = new S3FileStore(endpoint.orElse(null), region, bucket, accessKey.orElse(""), secretKey.orElse(""), pathStyle, partSize);
        } else if (!"local".equalsIgnoreCase(kind.strip())) {
            throw new IllegalStateException("paddock.transfers.storage must be local or s3, not " + kind);
        }
    }

    @PreDestroy
    void close() {
        if (s3 != null) {
            s3.close();
        }
    }

    /** Where new jobs keep their finished files. */
    public StorageKind defaultKind() {
        return s3 != null ? StorageKind.S3 : StorageKind.LOCAL;
    }

    public LocalFileStore local() {
        return local;
    }

    /** The store of a job's finished files. */
    public FileStore store(StorageKind storage) {
        if (storage == StorageKind.S3) {
            if (s3 == null) {
                throw new IllegalStateException("This job's files are in S3, which is not configured on this node.");
            }
            return s3;
        }
        return local;
    }

    public Optional<S3FileStore> s3() {
        return Optional.ofNullable(s3);
    }
}
