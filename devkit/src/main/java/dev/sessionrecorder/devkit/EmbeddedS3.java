package dev.sessionrecorder.devkit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server (S3Proxy) on 127.0.0.1 and a random port, storing objects as plain files under
 * a folder. It checks AWS V4 signatures and the SDK's checksums like S3 does; tests and the demo use it
 * instead of a mock.
 */
public final class EmbeddedS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "session-recorder-test";
    public static final String SECRET_KEY = "session-recorder-test-secret";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final Path dir;
    private final S3Faults faults;

    private EmbeddedS3(S3Proxy proxy, BlobStoreContext context, Path dir, S3Faults faults) {
        this.proxy = proxy;
        this.context = context;
        this.dir = dir;
        this.faults = faults;
    }

    /** Starts a server whose buckets are folders of {@code dir}; creates {@code bucket} in it. */
    public static EmbeddedS3 start(Path dir, String bucket) throws Exception {
        Files.createDirectories(dir);
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem-nio2")
                .credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(props)
                .buildView(BlobStoreContext.class);
        BlobStore store = context.getBlobStore();
        S3Faults faults = new S3Faults();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(faults.wrap(store))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // The SDK sends headers S3Proxy does not model (e.g. for checksums); without this it answers 501.
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IOException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(20);
        }
        store.createContainerInLocation(null, bucket);
        return new EmbeddedS3(proxy, context, dir, faults);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public Path dir() {
        return dir;
    }

    /** Switches server-side faults (500/503 on writes) on and off. */
    public S3Faults faults() {
        return faults;
    }

    /** A client for this server, for test assertions and the demo's summary. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** An AWS shared-credentials file holding this server's keys under {@code profile}. */
    public Path writeCredentialsFile(Path file, String profile) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, "[" + profile + "]\naws_access_key_id = " + ACCESS_KEY
                + "\naws_secret_access_key = " + SECRET_KEY + "\n");
        return file;
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
