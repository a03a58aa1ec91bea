package org.labelcrew.media;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Adobe S3Mock as its own process (its runnable jar, copied to {@code target/s3mock} by the build), on free ports,
 * with one bucket: a real S3-compatible server for the S3 blob store's tests, no Docker and no manual step.
 */
public final class S3MockProcess implements AutoCloseable {

    public static final String BUCKET = "labelcrew";
    static final Path JAR = Path.of("target/s3mock/s3mock-exec.jar");

    private final Process process;
    private final int port;

    private S3MockProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts S3Mock and waits until it answers (it is a Spring Boot app: half a minute or more on a busy machine). */
    public static S3MockProcess start() throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the build copies it in generate-test-resources "
                    + "(./mvnw test-compile, without -DskipTests)");
        }
        int http = freePort();
        int https = freePort();
        Path root = Files.createTempDirectory(Path.of("target"), "s3mock-root");
        Path log = root.resolveSibling(root.getFileName() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-jar", JAR.toString(),
                "--com.adobe.testing.s3mock.httpPort=" + http, "--server.port=" + https,
                "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
                "--com.adobe.testing.s3mock.store.root=" + root.toAbsolutePath()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3MockProcess s3 = new S3MockProcess(p, http);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new IllegalStateException("S3Mock exited with " + p.exitValue() + "; see " + log);
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(s3.endpoint() + "/" + BUCKET))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return s3;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        s3.close();
        throw new IllegalStateException("S3Mock did not answer within 4 minutes; see " + log);
    }

    public String endpoint() {
        return "http://localhost:" + port;
    }

    /** The application's arguments for an S3 blob store in this server's bucket. */
    public List<String> appArguments() {
        return List.of("--labelcrew.media.store=s3", "--labelcrew.media.s3.endpoint=" + endpoint(),
                "--labelcrew.media.s3.bucket=" + BUCKET, "--labelcrew.media.s3.region=us-east-1",
                "--labelcrew.media.s3.access-key=test", "--labelcrew.media.s3.secret-key=test");
    }

    public MediaProperties.S3 config(String prefix) {
        return new MediaProperties.S3(endpoint(), "us-east-1", BUCKET, prefix, "test", "test");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
