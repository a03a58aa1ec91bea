package org.labelcrew.media.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.labelcrew.media.BlobStore;
import org.labelcrew.media.MediaProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs in an S3-compatible bucket (AWS S3, MinIO, Ceph, S3Mock…), through the AWS SDK v2 over the JDK's HTTP
 * client. A custom endpoint is addressed path-style ({@code endpoint/bucket/key}), which every S3-compatible server
 * understands. Range reads map to S3's {@code Range} header, so seeking in audio reads only what it plays.
 */
public class S3BlobStore implements BlobStore, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String endpoint;

    public S3BlobStore(MediaProperties.S3 config) {
        if (config.bucket() == null || config.bucket().isBlank()) {
            throw new IllegalStateException("LABELCREW_S3_BUCKET must name the bucket when LABELCREW_BLOB_STORE=s3");
        }
        S3ClientBuilder builder = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(config.region() == null || config.region().isBlank() ? "us-east-1" : config.region()));
        if (config.endpoint() != null && !config.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(config.endpoint())).forcePathStyle(true);
        }
        if (config.accessKey() != null && !config.accessKey().isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKey(), config.secretKey() == null ? "" : config.secretKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.s3 = builder.build();
        this.bucket = config.bucket();
        String p = config.prefix() == null ? "" : config.prefix().replaceAll("^/+|/+$", "");
        this.prefix = p.isEmpty() ? "" : p + "/";
        this.endpoint = config.endpoint() == null || config.endpoint().isBlank() ? "AWS" : config.endpoint();
    }

    private String object(String key) {
        return prefix + BlobStore.checkKey(key);
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        try {
            s3.putObject(b -> b.bucket(bucket).key(object(key)).contentType(contentType), RequestBody.fromFile(file));
        } catch (S3Exception e) {
            throw new IOException("S3 put " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        try {
            s3.putObject(b -> b.bucket(bucket).key(object(key)).contentType(contentType), RequestBody.fromBytes(bytes));
        } catch (S3Exception e) {
            throw new IOException("S3 put " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(object(key)).build());
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return false;
            throw new IOException("S3 head " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long size(String key) throws IOException {
        try {
            return s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(object(key)).build()).contentLength();
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) throw new NoSuchFileException(key);
            throw new IOException("S3 head " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        GetObjectRequest.Builder req = GetObjectRequest.builder().bucket(bucket).key(object(key));
        if (offset > 0 || length >= 0) {
            if (length == 0) return InputStream.nullInputStream();
            req.range("bytes=" + offset + "-" + (length < 0 ? "" : Long.toString(offset + length - 1)));
        }
        try {
            return s3.getObject(req.build());
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) throw new NoSuchFileException(key);
            throw new IOException("S3 get " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(object(key)));
        } catch (S3Exception e) {
            throw new IOException("S3 delete " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public java.util.List<String> list(String keyPrefix, int limit) throws IOException {
        java.util.List<String> keys = new java.util.ArrayList<>();
        try {
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(object(keyPrefix.endsWith("/")
                    ? keyPrefix.substring(0, keyPrefix.length() - 1) : keyPrefix) + "/"))) {
                for (var o : page.contents()) {
                    if (keys.size() >= limit) return keys;
                    keys.add(o.key().substring(prefix.length()));
                }
            }
        } catch (S3Exception e) {
            throw new IOException("S3 list " + keyPrefix + ": " + e.getMessage(), e);
        }
        return keys;
    }

    @Override
    public String describe() {
        return "s3 " + bucket + "@" + endpoint + (prefix.isEmpty() ? "" : " under " + prefix);
    }

    @Override
    public void close() {
        s3.close();
    }
}
