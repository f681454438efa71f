package org.rampe.places;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * What places keeps about one member, for their archive (streamed) and their erasure (batches of
 * at most {@link #BATCH} items a transaction, each returning how many it did, until none is left).
 * Photos are read and erased by {@link org.rampe.places.photos.PlacePhotos}.
 */
@Repository
class MemberPlacesRepository {

    static final int BATCH = 1000;

    private final Graph graph;

    MemberPlacesRepository(Graph graph) {
        this.graph = graph;
    }

    record PlaceAdded(String id, String name, Instant addedAt) {
    }

    record AnswerGiven(String placeId, String placeName, String criterion, String value, String comment,
                       Instant givenAt, boolean current) {
    }

    record RevisionMade(String placeId, String placeName, Instant at, List<Revision.Change> changes) {
    }

    record PhotoReportMade(String placeId, String photoId, String reason, String text, Instant at, String status) {
    }

    record PlaceReportMade(String placeId, String reason, String text, Instant at, String status) {
    }

    void placesAdded(String memberId, Consumer<PlaceAdded> each) {
        graph.each("""
                MATCH (:Member {id: $member})-[:ADDED]->(p:Place)
                RETURN p.id AS id, p.name AS name, p.createdAt AS at ORDER BY p.createdAt, p.id
                """, Map.of("member", memberId), r -> each.accept(new PlaceAdded(r.get("id").asString(),
                r.get("name").asString(""), instant(r.get("at")))));
    }

    void answers(String memberId, Consumer<AnswerGiven> each) {
        graph.each("""
                MATCH (:Member {id: $member})-[:GAVE]->(a:Answer)-[:ABOUT]->(p:Place)
                RETURN p.id AS placeId, p.name AS placeName, a.criterion AS criterion, a.value AS value,
                       a.comment AS comment, a.at AS at, a.current AS current
                ORDER BY a.at, a.id
                """, Map.of("member", memberId), r -> each.accept(new AnswerGiven(r.get("placeId").asString(),
                r.get("placeName").asString(""), r.get("criterion").asString(), r.get("value").asString(),
                r.get("comment").asString(""), instant(r.get("at")), r.get("current").asBoolean(false))));
    }

    void revisions(String memberId, Consumer<RevisionMade> each) {
        graph.each("""
                MATCH (:Member {id: $member})-[:MADE]->(r:Revision)<-[:REVISED]-(p:Place)
                RETURN p.id AS placeId, p.name AS placeName, r.at AS at, r.fields AS fields, r.before AS before,
                       r.after AS after
                ORDER BY r.at, r.id
                """, Map.of("member", memberId), r -> {
            List<String> fields = r.get("fields").asList(Value::asString);
            List<String> before = r.get("before").asList(Value::asString);
            List<String> after = r.get("after").asList(Value::asString);
            List<Revision.Change> changes = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                changes.add(new Revision.Change(fields.get(i), before.get(i), after.get(i)));
            }
            each.accept(new RevisionMade(r.get("placeId").asString(), r.get("placeName").asString(""),
                    instant(r.get("at")), changes));
        });
    }

    void placeReports(String memberId, Consumer<PlaceReportMade> each) {
        graph.each("""
                MATCH (:Member {id: $member})-[:REPORTED]->(r:PlaceReport)-[:ABOUT]->(p:Place)
                RETURN p.id AS placeId, r.reason AS reason, r.text AS text, r.createdAt AS at, r.status AS status
                ORDER BY r.createdAt, r.id
                """, Map.of("member", memberId), r -> each.accept(new PlaceReportMade(r.get("placeId").asString(),
                r.get("reason").asString(""), r.get("text").asString(""), instant(r.get("at")),
                r.get("status").asString(""))));
    }

    /** The reports they made about photos of places (the photo may be anyone's). */
    void photoReports(String memberId, Consumer<PhotoReportMade> each) {
        graph.each("""
                MATCH (:Member {id: $member})-[:REPORTED]->(r:PhotoReport)-[:ABOUT]->(ph:Photo)-[:SHOWS]->(p:Place)
                RETURN p.id AS placeId, ph.id AS photoId, toLower(r.reason) AS reason, r.text AS text, r.createdAt AS at, r.status AS status
                ORDER BY r.createdAt, r.id
                """, Map.of("member", memberId), r -> each.accept(new PhotoReportMade(r.get("placeId").asString(),
                r.get("photoId").asString(), r.get("reason").asString(""), r.get("text").asString(""), instant(r.get("at")),
                r.get("status").asString(""))));
    }

    /** Unlinks up to a batch of the places they added (the places stay); how many. */
    long forgetAdded(String memberId) {
        return batch("""
                MATCH (:Member {id: $member})-[x:ADDED]->(:Place)
                WITH x LIMIT $batch
                DELETE x
                RETURN count(*) AS n""", memberId, false);
    }

    /**
     * Makes up to a batch of their answers anonymous votes: still current or not as they were, still
     * about their place (so counted as before), without the member, their id in {@code source}, or
     * their comment (an answer outlives its member only as a vote, whatever they chose).
     */
    long anonymiseAnswers(String memberId) {
        return batch("""
                MATCH (:Member {id: $member})-[g:GAVE]->(a:Answer)
                WITH g, a LIMIT $batch
                SET a.source = 'former', a.comment = ''
                DELETE g
                RETURN count(*) AS n""", memberId, false);
    }

    /** Unlinks up to a batch of their revisions: the history then shows a former member. */
    long anonymiseRevisions(String memberId) {
        return batch("""
                MATCH (:Member {id: $member})-[x:MADE]->(:Revision)
                WITH x LIMIT $batch
                DELETE x
                RETURN count(*) AS n""", memberId, false);
    }

    /**
     * Unlinks up to a batch of the reports they made about places and photos (the reports stay for
     * moderation), dropping their text when it goes.
     */
    long anonymiseReports(String memberId, boolean removeText) {
        return batch("""
                MATCH (:Member {id: $member})-[x:REPORTED]->(r)
                WHERE r:PlaceReport OR r:PhotoReport
                WITH x, r LIMIT $batch
                FOREACH (_ IN CASE WHEN $remove THEN [1] ELSE [] END | SET r.text = '')
                DELETE x
                RETURN count(*) AS n""", memberId, removeText);
    }

    /** Unlinks up to a batch of the place reports they resolved as an administrator (the outcome stays). */
    long forgetResolved(String memberId) {
        return batch("""
                MATCH (:Member {id: $member})-[x:RESOLVED]->(:PlaceReport)
                WITH x LIMIT $batch
                DELETE x
                RETURN count(*) AS n""", memberId, false);
    }

    private long batch(String query, String memberId, boolean remove) {
        return graph.writeOne(query, Map.of("member", memberId, "batch", BATCH, "remove", remove),
                r -> r.get("n").asLong()).orElse(0L);
    }

    private static Instant instant(Value v) {
        return v.isNull() ? null : v.asZonedDateTime().toInstant();
    }
}
