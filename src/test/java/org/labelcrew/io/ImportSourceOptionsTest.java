package org.labelcrew.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.labelcrew.shared.ApiException;
import tools.jackson.databind.json.JsonMapper;

/** {@code options.source} (an import from a bucket prefix): what is a source, and how its prefix is read. */
class ImportSourceOptionsTest {

    static ImportOptions of(String json) {
        return ImportOptions.of(JsonMapper.builder().build().readTree(json));
    }

    static String fieldOf(String json) {
        try {
            of(json);
            return null;
        } catch (ApiException e) {
            return e.errors().get(0).field() + ": " + e.errors().get(0).message();
        }
    }

    @Test
    void aSourceIsAnS3AddressOfABucketAndAPrefix() {
        ImportOptions o = of("{\"source\": \"s3://photos-2026/street/seoul\", \"region\": \"ap-northeast-2\"}");
        assertThat(o.source()).isEqualTo("s3://photos-2026/street/seoul");
        assertThat(o.toJson().toString()).contains("\"region\":\"ap-northeast-2\"");
        assertThat(S3Source.Location.of(o.source())).isEqualTo(new S3Source.Location("photos-2026", "street/seoul/"));
        assertThat(S3Source.Location.of("s3://photos/")).isEqualTo(new S3Source.Location("photos", ""));

        assertThat(fieldOf("{\"source\": \"http://photos/street/\"}")).startsWith("options.source: must be s3://bucket/prefix/");
        assertThat(fieldOf("{\"source\": \"s3://Photos_Bad/x/\"}")).startsWith("options.source:");
        assertThat(fieldOf("{\"source\": \"s3://photos\"}")).startsWith("options.source:");
        assertThat(fieldOf("{\"source\": \"s3://photos/\", \"endpoint\": \"file:///etc/passwd\"}"))
                .startsWith("options.endpoint: must be an http:// or https:// address");
        assertThat(fieldOf("{\"endpoint\": \"https://minio.example:9000\"}")).startsWith("options.endpoint: is for an import from a bucket");
        assertThatThrownBy(() -> of("{\"source\": \"s3://photos/\", \"accessKey\": \"AKIA\"}"))
                .isInstanceOf(ApiException.class).hasMessageContaining("options.accessKey");
    }
}
