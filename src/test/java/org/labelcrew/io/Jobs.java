package org.labelcrew.io;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import org.labelcrew.support.Api;
import tools.jackson.databind.JsonNode;

/** Imports and exports run in the background: tests poll the job until it ends, within a deadline. */
public final class Jobs {

    private Jobs() {
    }

    public static JsonNode awaitEnd(Api api, String path) {
        return awaitEnd(api, path, Duration.ofSeconds(30));
    }

    public static JsonNode awaitEnd(Api api, String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode job;
        while (true) {
            job = api.get(path).expect(200).json();
            String status = job.get("status").asString();
            if (status.equals("DONE") || status.equals("FAILED")) return job;
            if (System.nanoTime() > deadline) fail(path + " did not finish within " + timeout + "; last seen: " + job);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Uploads {@code content} as {@code format} and waits for the import to end. */
    public static JsonNode importFile(Api api, long projectId, String format, byte[] content) {
        JsonNode started = api.upload("/api/v1/projects/" + projectId + "/imports", "data." + format, content,
                "format", format).expect(202).json();
        return awaitEnd(api, "/api/v1/imports/" + started.get("id").asLong());
    }
}
