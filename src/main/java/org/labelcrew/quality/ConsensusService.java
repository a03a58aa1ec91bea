package org.labelcrew.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectRole;
import org.labelcrew.schema.LabelSchema;
import org.labelcrew.shared.ApiException;
import org.labelcrew.task.TaskStore;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The consensus of a project's approved overlapping results, by a named strategy ({@link Consensus}): what one result
 * per task would be, shown to the manager beside the agreement figures, and — when the project's {@code consensus}
 * setting names a strategy — the one result the export writes per task ({@link #exportMerge}).
 */
@Service
public class ConsensusService {

    static final int MAX_ITEMS = 1000;

    private final ProjectAccess access;
    private final TaskStore tasks;
    private final QualityService quality;

    ConsensusService(ProjectAccess access, TaskStore tasks, QualityService quality) {
        this.access = access;
        this.tasks = tasks;
        this.quality = quality;
    }

    /**
     * {@code tasks}: approved tasks merged; {@code unanimous}: of them, those whose results were all alike;
     * {@code withTies}: those where a majority was a tie in some field; {@code items}: the first {@code limit} tasks.
     */
    public record ConsensusView(String strategy, long tasks, long unanimous, long withTies, List<TaskConsensus> items) {
    }

    /** {@code fromAccountId}: whose whole result was chosen (null when merged field by field). */
    public record TaskConsensus(long taskId, int results, boolean unanimous, @Nullable Long fromAccountId,
            List<String> ties, JsonNode result) {
    }

    public ConsensusView consensus(long projectId, @Nullable String strategyName, @Nullable Integer limit, CurrentUser user) {
        access.require(projectId, user, ProjectRole.MANAGER);
        Consensus.Strategy strategy;
        try {
            strategy = Consensus.strategy(strategyName);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(ApiException.FieldError.coded("strategy", "value.oneOf",
                    "must be MAJORITY, BEST_GOLD or REVIEWER", "allowed", List.of("MAJORITY", "BEST_GOLD", "REVIEWER")));
        }
        int max = limit == null ? 100 : limit;
        if (max < 0 || max > MAX_ITEMS) throw ApiException.invalid(ApiException.FieldError.coded("limit", "number.range",
                "must be 0.." + MAX_ITEMS, "min", 0, "max", MAX_ITEMS));
        LabelSchema schema = LabelSchema.of(access.settings(projectId).schema());
        Map<Long, Double> gold = new HashMap<>();
        for (QualityService.LabelerGold g : quality.gold(projectId).perLabeler()) gold.put(g.accountId(), g.meanScore());
        long[] counts = new long[3];
        List<TaskConsensus> items = new ArrayList<>();
        List<Consensus.Vote> votes = new ArrayList<>();
        long[] current = {-1};
        Runnable flush = () -> {
            if (votes.isEmpty()) return;
            Consensus.Merged m = Consensus.merge(strategy, schema, votes);
            counts[0]++;
            if (m.unanimous()) counts[1]++;
            if (!m.ties().isEmpty()) counts[2]++;
            if (items.size() < max) items.add(new TaskConsensus(current[0], votes.size(), m.unanimous(), m.from(), m.ties(), m.result()));
            votes.clear();
        };
        tasks.storedResults(projectId, r -> {
            if (!"APPROVED".equals(r.state())) return;
            if (r.taskId() != current[0]) {
                flush.run();
                current[0] = r.taskId();
            }
            votes.add(new Consensus.Vote(r.labelerId(), r.result(), r.acceptedBy() != null, r.assignmentId(),
                    gold.get(r.labelerId())));
        });
        flush.run();
        return new ConsensusView(strategy.name(), counts[0], counts[1], counts[2], items);
    }

    /** One approved result of a task as the export reads it, in submission order. */
    public record Candidate(String labeler, JsonNode result, boolean reviewed) {
    }

    /** The merged result; {@code from}: the index of the candidate whose whole result it is, -1 when merged per field. */
    public record Choice(JsonNode result, int from) {
    }

    /** Merges one task's approved results into the one the export writes. */
    public interface ExportMerge {
        Choice merge(List<Candidate> candidates);
    }

    /**
     * The merge for an export of the project by the named strategy (the project's {@code consensus} setting), over the
     * given schema; gold means are read once, when the export starts.
     */
    public ExportMerge exportMerge(long projectId, String strategyName, JsonNode schemaJson) {
        Consensus.Strategy strategy = Consensus.strategy(strategyName);
        LabelSchema schema = LabelSchema.of(schemaJson);
        Map<String, Double> gold = new HashMap<>();
        if (strategy == Consensus.Strategy.BEST_GOLD) {
            for (QualityService.LabelerGold g : quality.gold(projectId).perLabeler()) {
                if (g.meanScore() != null) gold.put(g.username(), g.meanScore());
            }
        }
        return candidates -> {
            List<Consensus.Vote> votes = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                Candidate c = candidates.get(i);
                // the account id only names the vote back to us: its index
                votes.add(new Consensus.Vote(i, c.result(), c.reviewed(), i, gold.get(c.labeler())));
            }
            Consensus.Merged m = Consensus.merge(strategy, schema, votes);
            return new Choice(m.result(), m.from() == null ? -1 : m.from().intValue());
        };
    }
}
