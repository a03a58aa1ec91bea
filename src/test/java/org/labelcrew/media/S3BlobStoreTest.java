package org.labelcrew.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labelcrew.LabelCrewApplication;
import org.labelcrew.account.Role;
import org.labelcrew.media.internal.S3BlobStore;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.TestClock;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The S3 blob store against a real S3-compatible server (S3Mock, started by the test): bytes in and out with ranges,
 * and two application instances, each with its own data directory and no shared disk, serving the same media.
 */
class S3BlobStoreTest {

    static S3MockProcess s3;
    static EmbeddedPostgres postgres;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3MockProcess.start();
        Path dir = Files.createTempDirectory(Path.of("target"), "s3-instances");
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true).start();
        first = instance(dir.resolve("a"));
        second = instance(dir.resolve("b"));
    }

    private static ConfigurableApplicationContext instance(Path dataDir) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--labelcrew.data-dir=" + dataDir,
                "--labelcrew.db.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--labelcrew.db.user=postgres", "--labelcrew.db.password="));
        args.addAll(s3.appArguments());
        return new SpringApplicationBuilder(LabelCrewApplication.class, TestClock.Config.class, Fixtures.class)
                .profiles("test").run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) second.close();
        if (first != null) first.close();
        if (postgres != null) postgres.close();
        if (s3 != null) s3.close();
    }

    @Test
    void storesReadsRangesAndDeletes() throws Exception {
        try (S3BlobStore store = new S3BlobStore(s3.config("unit"))) {
            byte[] bytes = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
            assertThat(store.exists("media/00/x")).isFalse();
            store.put("media/00/x", bytes, "application/octet-stream");
            assertThat(store.exists("media/00/x")).isTrue();
            try (var in = store.open("media/00/x", 0, -1)) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
            try (var in = store.open("media/00/x", 4, 3)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("456");
            }
            try (var in = store.open("media/00/x", 10, -1)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("abcdef");
            }
            Path file = Files.createTempFile("blob", ".bin");
            Files.write(file, bytes);
            store.put("media/00/y", file, "application/octet-stream");
            Files.delete(file);
            try (var in = store.open("media/00/y", 0, -1)) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
            store.delete("media/00/x");
            assertThat(store.exists("media/00/x")).isFalse();
            assertThatThrownBy(() -> store.open("media/00/x", 0, -1)).isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> store.put("../escape", bytes, "x")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void twoInstancesWithoutASharedDiskServeTheSameMedia() throws Exception {
        assertThat(first.getBean(BlobStore.class).describe()).startsWith("s3 " + S3MockProcess.BUCKET);
        Fixtures a = first.getBean(Fixtures.class);
        Fixtures b = second.getBean(Fixtures.class);
        Fixtures.User manager = a.user("s3-mgr", Role.MANAGER);
        Fixtures.User labeler = a.user("s3-lab", Role.LABELER);
        long project = a.project(manager, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
        a.member(manager, project, labeler, "LABELER");

        // Stored through instance A…
        byte[] png = MediaSamples.image("png", 300, 200, Color.ORANGE);
        Path file = Files.createTempFile("s3-media", ".png");
        Files.write(file, png);
        MediaStore store = first.getBean(MediaStore.class);
        Media m = store.save(project, null, file, "orange.png", store.check(file, Media.Kind.IMAGE)).media();
        Files.delete(file);

        // …served by instance B, which never saw the file: whole, by range, and its thumbnail.
        var api = b.withToken(tokenOf(labeler, b));
        HttpResponse<byte[]> whole = api.raw("/api/v1/media/" + m.id());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(png);
        HttpResponse<byte[]> part = api.raw("/api/v1/media/" + m.id(), "Range", "bytes=100-199");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(png, 100, 200));
        assertThat(api.raw("/api/v1/media/" + m.id() + "?variant=thumb").statusCode()).isEqualTo(200);
        assertThat(Files.exists(second.getBean(org.labelcrew.shared.LabelCrewProperties.class).blobDir())).isFalse();
    }

    /** A token of {@code user} that instance {@code b} accepts (tokens live in the one database). */
    private static String tokenOf(Fixtures.User user, Fixtures b) {
        return b.browser().signIn(user.username(), Fixtures.PASSWORD).post("/api/v1/tokens", "{\"name\": \"s3\"}")
                .expect(201).json().get("token").asString();
    }
}
