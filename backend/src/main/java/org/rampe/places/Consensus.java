package org.rampe.places;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds up the current answers about each criterion of a place.
 *
 * <p>Each answer weighs {@code 0.5 ^ (age / HALF_LIFE)}: a year-old answer counts half as much as
 * today's, a two-year-old one a quarter. The value with the most weight wins (on a tie, the one
 * most recently confirmed). An imported value is one answer dated by its import. When even the
 * newest agreeing answer is older than the half-life the consensus is shown as stale.
 */
final class Consensus {

    static final Duration HALF_LIFE = Duration.ofDays(365);

    private Consensus() {
    }

    static double weight(Instant at, Instant now) {
        double ageDays = Math.max(0, Duration.between(at, now).toMinutes() / 1440.0);
        return Math.pow(0.5, ageDays / HALF_LIFE.toDays());
    }

    static Map<Criterion, CriterionConsensus> of(List<Answer> answers, Instant now) {
        Map<Criterion, List<Answer>> byCriterion = new EnumMap<>(Criterion.class);
        for (Answer a : answers) {
            byCriterion.computeIfAbsent(a.criterion(), c -> new ArrayList<>()).add(a);
        }
        Map<Criterion, CriterionConsensus> result = new EnumMap<>(Criterion.class);
        for (Criterion criterion : Criterion.values()) {
            List<Answer> given = byCriterion.getOrDefault(criterion, List.of());
            result.put(criterion, given.isEmpty() ? CriterionConsensus.unknown(criterion) : of(criterion, given, now));
        }
        return result;
    }

    private static CriterionConsensus of(Criterion criterion, List<Answer> answers, Instant now) {
        record Tally(double weight, int count, Instant newest) {
        }
        Map<String, Tally> tallies = new HashMap<>();
        double total = 0;
        for (Answer a : answers) {
            double w = weight(a.at(), now);
            total += w;
            tallies.merge(a.value(), new Tally(w, 1, a.at()), (x, y) -> new Tally(x.weight + y.weight, x.count + y.count,
                    x.newest.isAfter(y.newest) ? x.newest : y.newest));
        }
        var winner = tallies.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Tally>>comparingDouble(e -> e.getValue().weight())
                        .thenComparing(e -> e.getValue().newest()))
                .orElseThrow();
        Tally t = winner.getValue();
        int agree = t.count();
        boolean stale = Duration.between(t.newest(), now).compareTo(HALF_LIFE) > 0;
        return new CriterionConsensus(criterion, winner.getKey(), agree, answers.size() - agree, t.newest(),
                total == 0 ? 0 : t.weight() / total, stale);
    }
}
