package org.labelcrew.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.schema.LabelSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The consensus strategies on hand-made votes: majority per field with ties, best gold, reviewer's choice. */
class ConsensusTest {

    static final ObjectMapper M = new ObjectMapper();
    static final LabelSchema SCHEMA = LabelSchema.of(j("""
            {"fields": [{"name": "topic", "type": "choice", "options": ["a", "b", "c"]},
                        {"name": "ents", "type": "spans", "labels": ["PER"]}]}"""));

    static JsonNode j(String s) {
        return M.readTree(s);
    }

    static Consensus.Vote vote(long who, String result, boolean reviewed, Double gold) {
        return new Consensus.Vote(who, j(result), reviewed, who, gold);
    }

    final List<Consensus.Vote> votes = List.of(
            vote(1, "{\"topic\": \"a\", \"ents\": [{\"id\": \"x\", \"start\": 0, \"end\": 2, \"label\": \"PER\"}]}", false, 0.5),
            vote(2, "{\"topic\": \"b\", \"ents\": [{\"id\": \"y\", \"start\": 0, \"end\": 2, \"label\": \"PER\"}]}", true, null),
            vote(3, "{\"topic\": \"b\", \"ents\": []}", false, 0.9));

    @Test
    void majorityPerFieldComparesSpansWithoutTheirIds() {
        Consensus.Merged m = Consensus.merge(Consensus.Strategy.MAJORITY, SCHEMA, votes);
        assertThat(m.result().get("topic").asString()).isEqualTo("b");
        // two of three drew the same span (different ids): it wins, with the first drawer's value
        assertThat(m.result().get("ents").get(0).get("id").asString()).isEqualTo("x");
        assertThat(m.ties()).isEmpty();
        assertThat(m.from()).isNull();
        assertThat(m.unanimous()).isFalse();
    }

    @Test
    void aTieGoesToTheFirstAndIsReported() {
        Consensus.Merged m = Consensus.merge(Consensus.Strategy.MAJORITY, SCHEMA, votes.subList(0, 2));
        assertThat(m.result().get("topic").asString()).isEqualTo("a");
        assertThat(m.ties()).containsExactly("topic");
        // the spans agree (ids aside): no tie there
        assertThat(Consensus.merge(Consensus.Strategy.MAJORITY, SCHEMA, List.of(votes.get(0), votes.get(0))).unanimous()).isTrue();
    }

    @Test
    void bestGoldAndReviewersChoice() {
        assertThat(Consensus.merge(Consensus.Strategy.BEST_GOLD, SCHEMA, votes).from()).isEqualTo(3);
        // nobody has gold: the earliest
        assertThat(Consensus.merge(Consensus.Strategy.BEST_GOLD, SCHEMA,
                List.of(vote(4, "{}", false, null), vote(5, "{}", false, null))).from()).isEqualTo(4);
        assertThat(Consensus.merge(Consensus.Strategy.REVIEWER, SCHEMA, votes).from()).isEqualTo(2);
        // no reviewed result: majority
        Consensus.Merged none = Consensus.merge(Consensus.Strategy.REVIEWER, SCHEMA, List.of(votes.get(0), votes.get(2)));
        assertThat(none.from()).isNull();
        assertThat(none.ties()).containsExactlyInAnyOrder("topic", "ents");
    }
}
