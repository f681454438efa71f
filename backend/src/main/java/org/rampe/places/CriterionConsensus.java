package org.rampe.places;

import java.time.Instant;

/**
 * What the answers about one criterion add up to.
 *
 * @param value         the consensus value, or null when nobody answered (unknown, never "no")
 * @param agree         answers giving that value
 * @param disagree      answers giving another value
 * @param lastConfirmed the newest answer giving that value
 * @param certainty     0..1: the consensus' share of the decayed weight of all answers
 * @param stale         the newest agreeing answer is older than the decay half-life
 */
record CriterionConsensus(Criterion criterion, String value, int agree, int disagree, Instant lastConfirmed,
                                 double certainty, boolean stale) {

    public boolean known() {
        return value != null;
    }

    public boolean is(String expected) {
        return expected.equals(value);
    }

    /** The value as a whole number for counts and measures, or -1 when unknown or not a number. */
    public int number() {
        if (value == null) {
            return -1;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static CriterionConsensus unknown(Criterion criterion) {
        return new CriterionConsensus(criterion, null, 0, 0, null, 0, false);
    }
}
