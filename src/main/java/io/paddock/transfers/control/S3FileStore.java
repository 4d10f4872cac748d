package io.paddock.transfers.control;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-compatible bucket (AWS SDK v2 over the JDK's HTTP client; path-style addressing for
 * S3-compatible servers): files go up as multipart uploads of {@code part-size} parts, downloads are
 * ranged GETs. Keys are {@code jobs/<job id>/<path>}.
 */
public class S3FileStore implements FileStore, AutoCloseable {

    static final String PREFIX = "jobs/";

    private final S3Client s3;
    private final String bucket;
    private final long partSize;

    public S3FileStore(String endpoint, String region, String bucket, String accessKey, String secretKey,
            boolean pathStyle, long partSize) {
        var builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region)).forcePathStyle(pathStyle)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        this.s3 = builder.build();
        this.bucket = bucket;
        this.partSize = Math.max(5L * 1024 * 1024, partSize);
    }

    @Override
    public String key(UUID jobId, String path) {
        return PREFIX + jobId + "/" + path;
    }

    /** Uploads a file in parts; an upload that fails is aborted so no parts are left behind. */
    public void upload(String key, Path file) throws IOException {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            long offset = 0;
            do {
                long length = Math.min(partSize, size - offset);
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) length);
                while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) >= 0) {
                    // fill the part
                }
                buffer.flip();
                final int partNumber = number;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                        RequestBody.fromByteBuffer(buffer)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                offset += length;
                number++;
            } while (offset < size);
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException ignored) {
                // the upload's own failure is the one to report
            }
            throw e instanceof IOException io ? io : new IOException("Upload of " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        if (length <= 0) {
            return InputStream.nullInputStream();
        }
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + offset + "-" + (offset + length - 1)));
        } catch (S3Exception e) {
            throw new IOException("Could not read " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void deleteJob(UUID jobId) {
        List<ObjectIdentifier> keys = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(PREFIX + jobId + "/")).contents()) {
            keys.add(ObjectIdentifier.builder().key(object.key()).build());
        }
        for (int i = 0; i < keys.size(); i += 1000) {
            List<ObjectIdentifier> batch = keys.subList(i, Math.min(keys.size(), i + 1000));
            s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
        }
    }

    @Override
    public Set<UUID> jobIds() {
        Set<UUID> ids = new HashSet<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(PREFIX)).contents()) {
            String rest = object.key().substring(PREFIX.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                try {
                    ids.add(UUID.fromString(rest.substring(0, slash)));
                } catch (IllegalArgumentException e) {
                    // not a job's object: left alone
                }
            }
        }
        return ids;
    }

    @Override
    public void close() {
        s3.close();
    }
}
