package io.paddock.transfers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.paddock.testing.Deployments;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Black-box with S3 storage: an embedded s3proxy in this JVM is the bucket; a downloaded job passes
 * {@code uploading} (multipart) to {@code completed}, is served with ranges from the bucket, and
 * retention, the orphan sweep and delete clean the bucket.
 */
@PaddockIT
class TransfersS3IT {

    static final String HOUSEKEEPING_WHY = "{\"reason\":\"Sweep after the storage migration\",\"ticketId\":\"OPS-4\"}";


    static final String BUCKET = "paddock-it";
    static S3Proxy proxy;
    static S3Client s3;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        proxy = S3Proxy.builder().blobStore(BlobStores.create("transient", new Properties()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "it-access", "it-secret").build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(20);
        }
        String endpoint = "http://127.0.0.1:" + proxy.getPort();
        s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .forcePathStyle(true).endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("it-access", "it-secret")))
                .build();
        s3.createBucket(b -> b.bucket(BUCKET));
        WebArchive archive = Deployments.paddockWithTestSupport();
        String path = "WEB-INF/classes/META-INF/microprofile-config.properties";
        Asset original = archive.get(path).getAsset();
        String config = new String(original.openStream().readAllBytes(), StandardCharsets.UTF_8)
                + "\npaddock.transfers.storage=s3\npaddock.transfers.s3.endpoint=" + endpoint
                + "\npaddock.transfers.s3.bucket=" + BUCKET + "\npaddock.transfers.s3.access-key=it-access"
                + "\npaddock.transfers.s3.secret-key=it-secret\npaddock.transfers.s3.part-size=5242880\n";
        archive.delete(path);
        return archive.add(new StringAsset(config), path);
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (proxy != null) {
            proxy.stop();
        }
    }

    @ArquillianResource
    URL base;

    /** A path of the server; the injected base may lack its trailing slash. */
    URI at(String path) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return URI.create(root + path);
    }

    List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key)
                .toList();
    }

    @Test
    void finishedFilesGoToTheBucketAndAreServedFromItWithRanges() throws Exception {
        Http http = new Http(base);
        JsonNode user = http.newUser("user");
        String[] auth = http.bearer(user.path("accessToken").asText());
        try (LoopbackSeeder seeder = new LoopbackSeeder("bucket", new String[] {"big.bin", "small.txt"},
                new int[] {11 * 1024 * 1024 + 17, 999}, 21).start()) {
            Reply created = http.send("POST", "api/jobs", "application/json", "{\"magnet\":\"" + seeder.magnet() + "\"}", auth);
            assertEquals(201, created.status(), created.body());
            assertEquals("s3", created.json().path("storage").asText());
            String jobId = created.json().path("id").asText();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            JsonNode job;
            do {
                Thread.sleep(200);
                job = http.get("api/jobs/" + jobId, auth).json();
            } while (!job.path("state").asText().equals("completed") && !job.path("state").asText().equals("failed")
                    && Instant.now().isBefore(deadline));
            assertEquals("completed", job.path("state").asText(), job.toString());

            assertEquals(List.of("jobs/" + jobId + "/bucket/big.bin", "jobs/" + jobId + "/bucket/small.txt"),
                    keys("jobs/" + jobId + "/"));
            assertFalse(Files.exists(Path.of("target/it-transfers", jobId)), "the local copy is removed");

            JsonNode files = http.get("api/jobs/" + jobId + "/files", auth).json();
            String big = files.get(0).path("id").asText();
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<byte[]> ranged = client.send(HttpRequest.newBuilder(at("api/files/" + big + "/download"))
                    .header("Authorization", auth[1]).header("Range", "bytes=6000000-6000009").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(206, ranged.statusCode());
            assertArrayEquals(Arrays.copyOfRange(seeder.data(0), 6_000_000, 6_000_010), ranged.body());
            HttpResponse<byte[]> whole = client.send(HttpRequest.newBuilder(at("api/files/" + big + "/download"))
                    .header("Authorization", auth[1]).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertArrayEquals(seeder.data(0), whole.body());

            // The sweep removes a bucket object whose job does not exist, and nothing of a live job.
            String orphan = "jobs/" + UUID.randomUUID() + "/lost.bin";
            s3.putObject(b -> b.bucket(BUCKET).key(orphan), RequestBody.fromString("lost"));
            JsonNode admin = http.newUser("admin");
            String[] adminAuth = http.bearer(admin.path("accessToken").asText());
            Reply swept = http.send("POST", "api/admin/transfers/housekeeping", "application/json",
                    HOUSEKEEPING_WHY, adminAuth);
            assertEquals(200, swept.status(), swept.body());
            assertTrue(keys(orphan).isEmpty(), "orphan removed");
            assertEquals(2, keys("jobs/" + jobId + "/").size());

            // Retention: past the free plan's 7 days the finished job and its objects go.
            http.send("POST", "api/test-support/clock/advance?seconds=" + Duration.ofDays(8).toSeconds(), null, null);
            try {
                // Tokens minted before the jump have expired by then: a fresh admin does it.
                String[] laterAdmin = http.bearer(http.newUser("admin").path("accessToken").asText());
                JsonNode housekept = http.send("POST", "api/admin/transfers/housekeeping", "application/json",
                        HOUSEKEEPING_WHY, laterAdmin).json();
                assertEquals(1, housekept.path("expired").asInt(), housekept.toString());
            } finally {
                http.send("POST", "api/test-support/clock/advance?seconds=-" + Duration.ofDays(8).toSeconds(), null, null);
            }
            assertEquals(404, http.get("api/jobs/" + jobId, auth).status());
            Instant gone = Instant.now().plus(Duration.ofSeconds(30));
            while (!keys("jobs/" + jobId + "/").isEmpty() && Instant.now().isBefore(gone)) {
                Thread.sleep(100);
            }
            assertEquals(List.of(), keys("jobs/" + jobId + "/"));
        }
    }
}
