package org.rampe.places.photos;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.neo4j.driver.Record;
import org.rampe.graph.Graph;
import org.rampe.places.Criterion;
import org.rampe.places.PhotoId;
import org.rampe.places.PlaceId;
import org.springframework.stereotype.Repository;

/** Photos of places in the graph: who took them, what they show, and members' reports about them. */
@Repository
class PhotoRepository {

    private final Graph graph;

    PhotoRepository(Graph graph) {
        this.graph = graph;
    }

    /** The visible photos of a place, oldest first. */
    List<Photo> of(PlaceId place) {
        return graph.list("""
                MATCH (ph:Photo {hidden: false})-[:SHOWS]->(p:Place {id: $placeId})
                OPTIONAL MATCH (m:Member)-[:TOOK]->(ph)
                RETURN ph, m.handle AS handle, p.id AS placeId
                ORDER BY ph.createdAt, ph.id""", Map.of("placeId", place.value()), PhotoRepository::photo);
    }

    /** Records a photo whose bytes are stored under {@code id}; false when the place or the member is not there. */
    boolean add(String id, PlacePhotos.NewPhoto photo) {
        return graph.writeOne("""
                MATCH (p:Place {id: $placeId}), (m:Member {id: $memberId})
                CREATE (m)-[:TOOK]->(ph:Photo {id: $id, alt: $alt, caption: $caption, group: $group,
                        licence: $licence, width: $width, height: $height, createdAt: datetime(), hidden: false})
                       -[:SHOWS]->(p)
                RETURN ph.id AS id""", Map.of(
                "placeId", photo.place().value(), "memberId", photo.memberId(), "id", id,
                "alt", photo.alt(), "caption", photo.caption(), "group", photo.group().name(),
                "licence", photo.licence().name(), "width", photo.image().width(), "height", photo.image().height()),
                r -> r.get("id").asString()).isPresent();
    }

    /** Whether the photo is a visible photo of this place. */
    boolean visible(PlaceId place, PhotoId photo) {
        return graph.exists("""
                MATCH (ph:Photo {id: $photoId, hidden: false})-[:SHOWS]->(:Place {id: $placeId})
                RETURN count(ph) > 0 AS visible""", Map.of("photoId", photo.value(), "placeId", place.value()));
    }

    /** The photo of this place (hidden or not), with the id of the member who took it ("" when gone); empty when unknown. */
    Optional<Taken> taken(PlaceId place, PhotoId photo) {
        return graph.one("""
                MATCH (ph:Photo {id: $photoId})-[:SHOWS]->(p:Place {id: $placeId})
                OPTIONAL MATCH (m:Member)-[:TOOK]->(ph)
                RETURN ph, m.handle AS handle, p.id AS placeId, m.id AS takenBy
                """, Map.of("photoId", photo.value(), "placeId", place.value()),
                r -> new Taken(photo(r), r.get("takenBy").asString("")));
    }

    record Taken(Photo photo, String takenBy) {
    }

    /** Removes the photo from the graph, with the reports about it (they are about nothing now). */
    boolean delete(PhotoId photo) {
        return graph.writeOne("""
                MATCH (ph:Photo {id: $photoId})
                OPTIONAL MATCH (ph)<-[:ABOUT]-(report:PhotoReport)
                DETACH DELETE report
                WITH DISTINCT ph
                DETACH DELETE ph
                RETURN count(*) AS n""", Map.of("photoId", photo.value()), r -> r.get("n").asLong()).orElse(0L) > 0;
    }

    /** The photos a member took, oldest first, as they arrive. */
    void takenBy(String memberId, java.util.function.Consumer<PlacePhotos.PhotoTaken> each) {
        graph.each("""
                MATCH (:Member {id: $member})-[:TOOK]->(ph:Photo)-[:SHOWS]->(p:Place)
                RETURN p.id AS placeId, ph.id AS id, ph.alt AS alt, ph.caption AS caption, ph.createdAt AS at
                ORDER BY ph.createdAt, ph.id
                """, Map.of("member", memberId), r -> each.accept(new PlacePhotos.PhotoTaken(r.get("placeId").asString(),
                r.get("id").asString(), r.get("alt").asString(""), r.get("caption").asString(""),
                r.get("at").asZonedDateTime().toInstant())));
    }

    /**
     * Deletes up to {@code limit} of the photos a member took, with the reports about them; the ids
     * deleted, whose files can go once this returns.
     */
    List<String> deleteTakenBy(String memberId, int limit) {
        return graph.writeList("""
                MATCH (:Member {id: $member})-[:TOOK]->(ph:Photo)
                WITH ph LIMIT $limit
                OPTIONAL MATCH (ph)<-[:ABOUT]-(report:PhotoReport)
                DETACH DELETE report
                WITH DISTINCT ph, ph.id AS id
                DETACH DELETE ph
                RETURN id""", Map.of("member", memberId, "limit", limit), r -> r.get("id").asString());
    }

    /**
     * One open report per member and photo: reporting again keeps the first report as it was.
     * The report's id; empty when the photo is not one of this place's.
     */
    Optional<String> report(PlaceId place, PhotoId photo, String memberId, ReportReason reason, String text) {
        return graph.writeOne("""
                MATCH (m:Member {id: $memberId}), (ph:Photo {id: $photoId})-[:SHOWS]->(:Place {id: $placeId})
                MERGE (m)-[:REPORTED]->(r:PhotoReport)-[:ABOUT]->(ph)
                  ON CREATE SET r.id = $id, r.reason = $reason, r.text = $text, r.createdAt = datetime(), r.status = 'open'
                RETURN r.id AS id""", Map.of("memberId", memberId, "photoId", photo.value(), "placeId", place.value(),
                "id", UUID.randomUUID().toString(), "reason", reason.name(), "text", text), r -> r.get("id").asString());
    }

    private static Photo photo(Record r) {
        var ph = r.get("ph").asNode();
        return new Photo(ph.get("id").asString(), r.get("placeId").asString(), ph.get("alt").asString(),
                ph.get("caption").asString(""), Criterion.Group.valueOf(ph.get("group").asString()),
                Licence.valueOf(ph.get("licence").asString()), ph.get("width").asInt(), ph.get("height").asInt(),
                ph.get("createdAt").asZonedDateTime(), r.get("handle").asString(""));
    }
}
