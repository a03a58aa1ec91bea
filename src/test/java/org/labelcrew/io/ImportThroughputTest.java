package org.labelcrew.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.labelcrew.account.Role;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Import throughput on a generated JSONL file, bypassing the HTTP upload limit of the test profile. Off by default
 * (it writes and loads a large file); run with {@code -Dio.bench.items=1000000}.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "io.bench.items", matches = "\\d+")
class ImportThroughputTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ImportRunner runner;

    @Autowired
    IoFiles files;

    @Autowired
    JdbcClient jdbc;

    @Test
    void importsManyItemsQuickly() throws Exception {
        int n = Integer.getInteger("io.bench.items");
        var manager = fixtures.user("bench", Role.MANAGER);
        long projectId = fixtures.project(manager, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
        Path file = files.imports().resolve("bench-" + System.nanoTime() + ".jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                w.write("{\"text\": \"서울시 뉴스 기사 번호 " + i + " — 경제 정책에 관한 짧은 문장입니다.\", \"source\": \"news\", \"n\": " + i + "}\n");
            }
        }
        long size = Files.size(file);
        long id = jdbc.sql("""
                INSERT INTO import_job (project_id, format, file_path, file_size, created_by)
                VALUES (:p, 'jsonl', :path, :size, :by) RETURNING id""")
                .param("p", projectId).param("path", file.toString()).param("size", size).param("by", manager.id())
                .query(Long.class).single();

        System.gc();
        long heapBefore = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long t0 = System.nanoTime();
        runner.run(id);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long heapAfter = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();

        String status = jdbc.sql("SELECT status FROM import_job WHERE id = :id").param("id", id).query(String.class).single();
        long stored = jdbc.sql("SELECT count(*) FROM task WHERE project_id = :p").param("p", projectId).query(Long.class).single();
        System.out.printf("IMPORT BENCH: %d items, %.1f MB in %.2f s = %.0f items/s; heap %d MB -> %d MB%n",
                n, size / 1e6, seconds, n / seconds, heapBefore >> 20, heapAfter >> 20);
        assertThat(status).isEqualTo("DONE");
        assertThat(stored).isEqualTo(n);
    }
}
