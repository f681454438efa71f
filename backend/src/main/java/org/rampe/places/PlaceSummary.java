package org.rampe.places;

import java.util.Map;

import org.rampe.members.NeedProfile;
import org.rampe.places.Verdict.Level;

/**
 * A place as lists, the map and the API show it: its facts, the consensus value of each known
 * criterion and the verdict for each need, as stored on the place when its answers last changed.
 *
 * @param distanceMetres from the search centre, or -1 when there is none
 */
record PlaceSummary(PlaceId id, String name, String category, Address address, GeoPoint location,
                           PlaceSource source, boolean closed, Map<Criterion, String> values,
                           Map<NeedProfile, Level> verdicts, String sourceWheelchair, double distanceMetres) {

    public Level verdict(NeedProfile profile) {
        return verdicts.getOrDefault(profile, Level.UNKNOWN);
    }

    /** The verdict with its reasons for the given needs, from the stored consensus values. */
    public Verdict verdictFor(java.util.Collection<NeedProfile> needs) {
        Map<Criterion, CriterionConsensus> consensus = new java.util.EnumMap<>(Criterion.class);
        values.forEach((c, v) -> consensus.put(c, new CriterionConsensus(c, v, 1, 0, null, 1, false)));
        return Verdicts.combine(needs.stream().map(n -> Verdicts.of(n, consensus, sourceWheelchair)).toList());
    }
}
