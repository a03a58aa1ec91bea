package org.labelcrew.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.labelcrew.media.MediaProperties;
import org.labelcrew.shared.ApiException;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An import's media from an S3-compatible bucket prefix ({@code options.source = "s3://bucket/prefix/"}) instead of
 * an upload, for the media formats. The job (on whichever instance runs it) lists the prefix, page by page, and packs
 * its objects into a zip work file, each under its key below the prefix ({@code street/001.jpg}, a
 * {@code manifest.jsonl} directly under the prefix as the zip's manifest), which the format then reads exactly as an
 * uploaded zip: the same checks, the same per-file errors naming the key.
 *
 * <p>Endpoint, region and credentials: the configured S3 settings ({@code LABELCREW_S3_*}); {@code options.endpoint}
 * and {@code options.region} name another server or region. Credentials are never taken from the options (they would
 * be kept in the job record), and the configured ones are never sent to an endpoint other than the configured one:
 * there the bucket is read anonymously (a public bucket).
 */
@Component
class S3Source {

    /** Objects one prefix may hold: an import of more is split into several prefixes. */
    static final int MAX_OBJECTS = 100_000;

    private final MediaProperties.S3 configured;
    /** Keys per listing page: S3's own maximum, 1000; smaller only in tests, to list several pages of a few objects. */
    private final int pageSize;

    /**
     * Other S3-compatible servers an import may name in {@code options.endpoint} ({@code LABELCREW_IO_SOURCE_ENDPOINTS},
     * comma-separated; empty by default). Without this list a manager could make the server send requests to any
     * address it reaches (an internal service, a metadata endpoint): only the configured server and the listed ones.
     */
    private final java.util.Set<String> allowedEndpoints;

    S3Source(MediaProperties media, @org.springframework.beans.factory.annotation.Value("${labelcrew.io.source-page-size:1000}") int pageSize,
            @org.springframework.beans.factory.annotation.Value("${labelcrew.io.source-endpoints:}") java.util.List<String> allowedEndpoints) {
        this.configured = media.s3();
        this.pageSize = pageSize;
        this.allowedEndpoints = allowedEndpoints.stream().map(String::trim).filter(e -> !e.isEmpty())
                .map(S3Source::withoutSlash).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static String withoutSlash(String endpoint) {
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    /** Refuses an {@code options.endpoint} that is neither the configured server nor on the allow-list. */
    private void checkEndpoint(ImportOptions options) {
        if (options.endpoint() == null) return;
        String configuredEndpoint = blank(configured.endpoint()) ? null : withoutSlash(configured.endpoint().trim());
        String asked = withoutSlash(options.endpoint());
        if (asked.equals(configuredEndpoint) || allowedEndpoints.contains(asked)) return;
        throw IoProblems.invalid(ApiException.FieldError.coded("options.endpoint", "io.source.endpointNotAllowed",
                "is not a server this LabelCrew may read from: the configured S3 endpoint, or one listed in"
                + " LABELCREW_IO_SOURCE_ENDPOINTS", "endpoint", options.endpoint()))
                .withCode("import.source.endpointNotAllowed", Map.of("endpoint", options.endpoint()));
    }

    /** Bucket and prefix of {@code s3://bucket/prefix}; the prefix, when not empty, ends with {@code /}. */
    record Location(String bucket, String prefix) {
        static Location of(String source) {
            Matcher m = ImportOptions.SOURCE.matcher(source);
            if (!m.matches()) {
                throw IoProblems.invalid(ApiException.FieldError.coded("options.source", "io.option.badSource", "must be s3://bucket/prefix/"))
                        .withCode("import.source.notS3", Map.of());
            }
            String prefix = m.group(2).replaceAll("^/+", "");
            if (!prefix.isEmpty() && !prefix.endsWith("/")) prefix += "/";
            return new Location(m.group(1), prefix);
        }

        @Override
        public String toString() {
            return "s3://" + bucket + "/" + prefix;
        }
    }

    private S3Client client(ImportOptions options) {
        checkEndpoint(options);
        String configuredEndpoint = blank(configured.endpoint()) ? null : configured.endpoint().trim();
        String endpoint = options.endpoint() != null ? options.endpoint() : configuredEndpoint;
        String region = options.region() != null ? options.region()
                : blank(configured.region()) ? "us-east-1" : configured.region();
        S3ClientBuilder builder = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(region));
        if (endpoint != null) builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        boolean ownServer = options.endpoint() == null || options.endpoint().equals(configuredEndpoint);
        AwsCredentialsProvider credentials;
        if (!ownServer) {
            credentials = AnonymousCredentialsProvider.create();
        } else if (!blank(configured.accessKey())) {
            credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(configured.accessKey(),
                    configured.secretKey() == null ? "" : configured.secretKey()));
        } else {
            credentials = DefaultCredentialsProvider.builder().build();
        }
        return builder.credentialsProvider(credentials).build();
    }

    /**
     * Checked when the import is asked for, so that a wrong source is a 422 naming {@code options.source} rather than
     * a failed job: the bucket exists and the prefix holds at least one object.
     */
    void check(ImportOptions options) {
        Location at = Location.of(options.source());
        try (S3Client s3 = client(options)) {
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(at.bucket()).prefix(at.prefix()).maxKeys(10));
            if (page.contents().stream().noneMatch(o -> !o.key().endsWith("/"))) {
                throw IoProblems.invalid(ApiException.FieldError.coded("options.source", "io.source.empty",
                        at + " holds no objects (an empty or misspelled prefix)", "source", at.toString()))
                        .withCode("import.source.empty", Map.of("source", at.toString()));
            }
        } catch (NoSuchBucketException e) {
            throw IoProblems.invalid(ApiException.FieldError.coded("options.source", "io.source.noBucket", "names bucket \""
                    + at.bucket() + "\", which does not exist at " + where(options), "bucket", at.bucket(), "where", where(options)))
                    .withCode("import.source.noBucket", Map.of("bucket", at.bucket(), "where", where(options)));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw IoProblems.invalid(ApiException.FieldError.coded("options.source", "io.source.noBucket", "names bucket \""
                        + at.bucket() + "\", which does not exist at " + where(options), "bucket", at.bucket(), "where", where(options)))
                        .withCode("import.source.noBucket", Map.of("bucket", at.bucket(), "where", where(options)));
            }
            String why = String.valueOf(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
            throw IoProblems.invalid(ApiException.FieldError.coded("options.source", "io.source.notListed", "could not be listed at "
                    + where(options) + ": " + why + " (HTTP " + e.statusCode() + ")", "where", where(options), "detail", why,
                    "status", e.statusCode())).withCode("import.source.notListed",
                    Map.of("where", where(options), "detail", why, "status", e.statusCode()));
        } catch (SdkException e) {
            throw IoProblems.invalid(ApiException.FieldError.coded("options.source", "io.source.unreachable", "could not be reached at "
                    + where(options) + ": " + e.getMessage(), "where", where(options), "detail", String.valueOf(e.getMessage())))
                    .withCode("import.source.unreachable", Map.of("where", where(options), "detail", String.valueOf(e.getMessage())));
        }
    }

    private String where(ImportOptions options) {
        String endpoint = options.endpoint() != null ? options.endpoint()
                : blank(configured.endpoint()) ? "AWS S3" : configured.endpoint();
        return endpoint;
    }

    /**
     * Packs every object under the prefix into {@code zip} (stored, not compressed: media do not shrink), one entry per
     * object named by its key below the prefix; "folder" markers (keys ending in {@code /}) are skipped. The number of
     * entries.
     */
    long pack(ImportOptions options, Path zip) throws IOException {
        Location at = Location.of(options.source());
        long count = 0;
        try (S3Client s3 = client(options);
             OutputStream out = Files.newOutputStream(zip);
             ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(Deflater.NO_COMPRESSION);
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(at.bucket()).prefix(at.prefix()).maxKeys(pageSize))) {
                List<S3Object> objects = page.contents();
                for (S3Object o : objects) {
                    if (o.key().endsWith("/")) continue;
                    if (++count > MAX_OBJECTS) {
                        throw new ImportFailure("import.source.tooMany", at + " holds more than " + MAX_OBJECTS
                                + " objects; import it in parts (narrower prefixes)", null, "source", at.toString(), "max", MAX_OBJECTS);
                    }
                    z.putNextEntry(new ZipEntry(o.key().substring(at.prefix().length())));
                    try (InputStream in = s3.getObject(b -> b.bucket(at.bucket()).key(o.key()))) {
                        in.transferTo(z);
                    }
                    z.closeEntry();
                }
            }
        } catch (SdkException e) {
            throw new ImportFailure("import.source.readFailed", "reading " + at + " failed: " + e.getMessage(), e,
                    "source", at.toString(), "detail", String.valueOf(e.getMessage()));
        }
        if (count == 0) {
            throw new ImportFailure("import.source.gone", at + " holds no objects (any more)", null, "source", at.toString());
        }
        return count;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
