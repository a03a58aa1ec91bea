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
                "--labelcrew.db.user=postgres", "--labelcrew.db.password=",
                // A bucket prefix is listed 2 keys a page: several pages from a few objects.
                "--labelcrew.io.source-page-size=2"));
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

    /**
     * Uploads and exports in the shared store too: an upload taken by instance A is imported by instance B's job (A's
     * job runner is paused), B's export of it is downloaded from A (with a range), and neither data directory holds
     * an upload, a work file or an export afterwards.
     */
    @Test
    void anUploadTakenByOneInstanceIsImportedByTheOtherAndItsExportServedByTheFirst() throws Exception {
        Fixtures a = first.getBean(Fixtures.class);
        Fixtures b = second.getBean(Fixtures.class);
        Fixtures.User manager = a.user("s3-io", Role.MANAGER);
        long project = a.project(manager, MediaImportTest.BOXES, null).get("id").asLong();
        var onA = manager.api();
        var onB = b.withToken(tokenOf(manager, b));
        byte[] red = MediaSamples.image("png", 40, 30, Color.RED);
        byte[] blue = MediaSamples.image("jpeg", 64, 48, Color.BLUE);
        byte[] zip = MediaSamples.zip("street/red.png", red, "street/blue.jpg", blue);
        com.github.kagkarlsson.scheduler.Scheduler schedulerA = first.getBean(com.github.kagkarlsson.scheduler.Scheduler.class);
        com.github.kagkarlsson.scheduler.Scheduler schedulerB = second.getBean(com.github.kagkarlsson.scheduler.Scheduler.class);
        schedulerA.pause();
        try {
            long id = onA.upload("/api/v1/projects/" + project + "/imports", "street.zip", zip, "format", "images-zip")
                    .expect(202).json().get("id").asLong();
            String key = a.jdbc().sql("SELECT file_path FROM import_job WHERE id = :id").param("id", id)
                    .query(String.class).single();
            assertThat(key).startsWith("io/uploads/");
            var job = org.labelcrew.io.Jobs.awaitEnd(onB, "/api/v1/imports/" + id, java.time.Duration.ofSeconds(60));
            assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
            assertThat(job.get("imported").asLong()).isEqualTo(2);
            // Removed by the runner right after it committed DONE: a moment after the job reads DONE.
            BlobStore blobs = first.getBean(BlobStore.class);
            for (int i = 0; i < 100 && blobs.exists(key); i++) Thread.sleep(100);
            assertThat(blobs.exists(key)).as("the stored upload ends with its import").isFalse();

            long export = onA.post("/api/v1/projects/" + project + "/exports", "{\"format\": \"coco\"}").expect(202)
                    .json().get("id").asLong();
            assertThat(org.labelcrew.io.Jobs.awaitEnd(onB, "/api/v1/exports/" + export, java.time.Duration.ofSeconds(60))
                    .get("status").asString()).isEqualTo("DONE");
        } finally {
            schedulerA.resume();
        }
        schedulerB.pause();
        try {
            long export = a.jdbc().sql("SELECT max(id) FROM export_job WHERE project_id = :p").param("p", project)
                    .query(Long.class).single();
            HttpResponse<byte[]> whole = onA.raw("/api/v1/exports/" + export + "/file");
            assertThat(whole.statusCode()).isEqualTo(200);
            String coco = new String(whole.body(), StandardCharsets.UTF_8);
            // Nothing is approved yet: the export's images are empty, its categories those of the schema.
            assertThat(coco).contains("\"categories\"").contains("\"car\"").contains("\"images\"");
            String etag = whole.headers().firstValue("ETag").orElseThrow();
            HttpResponse<byte[]> part = onA.raw("/api/v1/exports/" + export + "/file", "Range", "bytes=1-10");
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 1, 11));
            assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1-10/" + whole.body().length);
            assertThat(onA.raw("/api/v1/exports/" + export + "/file", "If-None-Match", etag).statusCode()).isEqualTo(304);
        } finally {
            schedulerB.resume();
        }
        for (ConfigurableApplicationContext instance : List.of(first, second)) {
            Path data = instance.getBean(org.labelcrew.shared.LabelCrewProperties.class).dataDir();
            for (String dir : List.of("imports", "exports", "blobs")) assertThat(data.resolve(dir)).doesNotExist();
            Path work = data.resolve("io-work");
            if (Files.isDirectory(work)) {
                try (var left = Files.list(work)) {
                    assertThat(left.toList()).as("work files are removed").isEmpty();
                }
            }
        }
    }

    /**
     * Media from a bucket prefix ({@code options.source}): listed (several pages), checked as uploaded files are, the
     * prefix's manifest honoured; a missing bucket, an empty prefix, a file beside the source and a non-image object
     * are clear errors naming the option or the key.
     */
    @Test
    void importsTheMediaUnderABucketPrefix() throws Exception {
        Fixtures a = first.getBean(Fixtures.class);
        Fixtures.User manager = a.user("s3-src", Role.MANAGER);
        long project = a.project(manager, MediaImportTest.BOXES, null).get("id").asLong();
        String imports = "/api/v1/projects/" + project + "/imports";
        byte[] blue = MediaSamples.image("jpeg", 64, 48, Color.BLUE);
        try (S3BlobStore photos = new S3BlobStore(s3.config("photos"));
             S3BlobStore bad = new S3BlobStore(s3.config("photos-bad"))) {
            // More objects than one listing page (2 keys a page here).
            for (int i = 0; i < 4; i++) {
                photos.put("street/" + i + ".png", MediaSamples.image("png", 8, 8, new Color(i % 256, i / 256, 7)), "image/png");
            }
            photos.put("street/blue.jpg", blue, "image/jpeg");
            photos.put("manifest.jsonl", "{\"file\": \"street/blue.jpg\", \"site\": \"서울\"}\n".getBytes(StandardCharsets.UTF_8),
                    "application/jsonl");
            bad.put("ok.png", MediaSamples.image("png", 8, 8, Color.RED), "image/png");
            bad.put("notes.jpg", "not an image".getBytes(StandardCharsets.UTF_8), "image/jpeg");
        }

        var started = manager.api().uploadFiles(imports, java.util.Map.of(), "format", "images-zip",
                "options", "{\"source\": \"s3://" + S3MockProcess.BUCKET + "/photos\"}").expect(202).json();
        assertThat(started.get("fileName").asString()).isEqualTo("s3://" + S3MockProcess.BUCKET + "/photos");
        var job = org.labelcrew.io.Jobs.awaitEnd(manager.api(), "/api/v1/imports/" + started.get("id").asLong(),
                java.time.Duration.ofSeconds(120));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("imported").asLong()).isEqualTo(5);
        String site = a.jdbc().sql("SELECT data->>'site' FROM task WHERE project_id = :p AND data->>'file' = 'street/blue.jpg'")
                .param("p", project).query(String.class).single();
        assertThat(site).isEqualTo("서울");

        var missing = manager.api().uploadFiles(imports, java.util.Map.of(), "format", "images-zip",
                "options", "{\"source\": \"s3://no-such-bucket/x/\"}").expect(422).json();
        assertThat(missing.get("errors").get(0).get("field").asString()).isEqualTo("options.source");
        assertThat(missing.get("errors").get(0).get("message").asString()).contains("no-such-bucket").contains("does not exist");
        // The problem's detail is coded for the browser to word (Korean or English).
        assertThat(missing.get("code").asString()).isEqualTo("import.source.noBucket");
        assertThat(missing.get("params").get("bucket").asString()).isEqualTo("no-such-bucket");
        // So is the field's error, said beside options.source.
        assertThat(missing.get("errors").get(0).get("code").asString()).isEqualTo("io.source.noBucket");
        assertThat(missing.get("errors").get(0).get("params").get("bucket").asString()).isEqualTo("no-such-bucket");
        var empty = manager.api().uploadFiles(imports, java.util.Map.of(), "format", "images-zip",
                "options", "{\"source\": \"s3://" + S3MockProcess.BUCKET + "/nothing-here/\"}").expect(422).json();
        assertThat(empty.get("errors").get(0).get("message").asString()).contains("nothing-here/").contains("holds no objects");
        assertThat(empty.get("code").asString()).isEqualTo("import.source.empty");
        assertThat(empty.get("errors").get(0).get("code").asString()).isEqualTo("io.source.empty");
        assertThat(empty.get("errors").get(0).get("params").get("source").asString()).endsWith("/nothing-here/");
        var both = manager.api().upload(imports, "a.zip", MediaSamples.zip("a.png", blue), "format", "images-zip",
                "options", "{\"source\": \"s3://" + S3MockProcess.BUCKET + "/photos/\"}").expect(422).json();
        assertThat(both.get("errors").get(0).get("field").asString()).isEqualTo("options.source");
        assertThat(both.get("code").asString()).isEqualTo("import.source.withFile");
        assertThat(both.get("errors").get(0).get("code").asString()).isEqualTo("io.source.withFile");
        // Another server only when the operator lists it: no requests to any address a manager types.
        var elsewhere = manager.api().uploadFiles(imports, java.util.Map.of(), "format", "images-zip",
                "options", "{\"source\": \"s3://" + S3MockProcess.BUCKET + "/photos/\", \"endpoint\": \"http://169.254.169.254\"}")
                .expect(422).json();
        assertThat(elsewhere.get("errors").get(0).get("field").asString()).isEqualTo("options.endpoint");
        assertThat(elsewhere.get("errors").get(0).get("message").asString()).contains("LABELCREW_IO_SOURCE_ENDPOINTS");
        assertThat(elsewhere.get("code").asString()).isEqualTo("import.source.endpointNotAllowed");
        assertThat(elsewhere.get("errors").get(0).get("code").asString()).isEqualTo("io.source.endpointNotAllowed");
        assertThat(elsewhere.get("errors").get(0).get("params").get("endpoint").asString()).isEqualTo("http://169.254.169.254");
        var notMedia = manager.api().uploadFiles(imports, java.util.Map.of(), "format", "jsonl",
                "options", "{\"source\": \"s3://" + S3MockProcess.BUCKET + "/photos/\"}").expect(422).json();
        assertThat(notMedia.get("errors").get(0).get("field").asString()).isEqualTo("options.source");
        assertThat(notMedia.get("errors").get(0).get("code").asString()).isEqualTo("io.option.notForFormat");

        long badId = manager.api().uploadFiles(imports, java.util.Map.of(), "format", "images-zip",
                "options", "{\"source\": \"s3://" + S3MockProcess.BUCKET + "/photos-bad/\"}").expect(202).json().get("id").asLong();
        var failed = org.labelcrew.io.Jobs.awaitEnd(manager.api(), "/api/v1/imports/" + badId, java.time.Duration.ofSeconds(60));
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("errors").toString()).contains("notes.jpg: is not an image");
        assertThat(failed.get("errors").toString()).contains("\"code\":\"import.media.notImage\"");
        assertThat(a.jdbc().sql("SELECT count(*) FROM task WHERE import_id = :i").param("i", badId).query(Long.class).single())
                .as("all or nothing").isZero();
        assertThat(a.jdbc().sql("SELECT options::text FROM import_job WHERE id = :i").param("i", badId).query(String.class)
                .single()).as("no credentials in the job record").doesNotContain("test").contains("photos-bad");
    }

    /** A token of {@code user} that instance {@code b} accepts (tokens live in the one database). */
    private static String tokenOf(Fixtures.User user, Fixtures b) {
        return b.browser().signIn(user.username(), Fixtures.PASSWORD).post("/api/v1/tokens", "{\"name\": \"s3\"}")
                .expect(201).json().get("token").asString();
    }
}
