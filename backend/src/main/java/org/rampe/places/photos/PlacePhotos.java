package org.rampe.places.photos;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.rampe.images.ImageStore;
import org.rampe.images.Images;
import org.rampe.graph.Transactions;
import org.rampe.places.Criterion;
import org.rampe.places.PlaceId;
import org.springframework.stereotype.Service;

/**
 * Photos of places: adding them (graph and store together), listing the visible ones, serving
 * their bytes, and members' reports about them.
 */
@Service
public class PlacePhotos {

    private final Driver driver;
    private final ImageStore store;

    PlacePhotos(Driver driver, ImageStore store) {
        this.driver = driver;
        this.store = store;
    }

    /** The visible photos of a place, oldest first; the gallery fragment groups them. */
    public List<Photo> of(PlaceId place) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (ph:Photo {hidden: false})-[:SHOWS]->(p:Place {id: $placeId})
                OPTIONAL MATCH (m:Member)-[:TOOK]->(ph)
                RETURN ph, m.handle AS handle, p.id AS placeId
                ORDER BY ph.createdAt, ph.id""", Map.of("placeId", place.value())).list(PlacePhotos::photo));
    }

    boolean placeExists(PlaceId place) {
        return Transactions.read(driver, tx -> tx.run("MATCH (p:Place {id: $id}) RETURN count(p) > 0 AS found",
                Map.of("id", place.value())).single().get("found").asBoolean());
    }

    /** What {@link #add} needs once the form is valid. */
    record NewPhoto(PlaceId place, String memberId, Images.Cleaned image, String alt, String caption,
                    Criterion.Group group, Licence licence) {
    }

    /**
     * Stores the bytes, then records the photo. If the place or member vanished meanwhile, or the
     * graph write fails, the file is removed again so no orphan stays on disk.
     */
    Optional<String> add(NewPhoto photo) {
        String id = UUID.randomUUID().toString();
        store.put(id, photo.image().jpeg());
        boolean recorded = false;
        try {
            recorded = Transactions.write(driver, tx -> tx.run("""
                    MATCH (p:Place {id: $placeId}), (m:Member {id: $memberId})
                    CREATE (m)-[:TOOK]->(ph:Photo {id: $id, alt: $alt, caption: $caption, group: $group,
                            licence: $licence, width: $width, height: $height, createdAt: datetime(), hidden: false})
                           -[:SHOWS]->(p)
                    RETURN ph.id AS id""", Map.of(
                    "placeId", photo.place().value(), "memberId", photo.memberId(), "id", id,
                    "alt", photo.alt(), "caption", photo.caption(), "group", photo.group().name(),
                    "licence", photo.licence().name(), "width", photo.image().width(), "height", photo.image().height()))
                    .hasNext());
            return recorded ? Optional.of(id) : Optional.empty();
        } finally {
            if (!recorded) {
                store.delete(id);
            }
        }
    }

    /** The JPEG of a visible photo of this place; empty for hidden, unknown or mismatched ids. */
    Optional<byte[]> jpeg(PlaceId place, String photoId) {
        boolean visible = Transactions.read(driver, tx -> tx.run("""
                MATCH (ph:Photo {id: $photoId, hidden: false})-[:SHOWS]->(:Place {id: $placeId})
                RETURN count(ph) > 0 AS visible""", Map.of("photoId", photoId, "placeId", place.value()))
                .single().get("visible").asBoolean());
        return visible ? store.get(photoId) : Optional.empty();
    }

    /**
     * One open report per member and photo: reporting again keeps the first report as it was.
     * Empty when the photo is not one of this place's.
     */
    Optional<String> report(PlaceId place, String photoId, String memberId, ReportReason reason, String text) {
        return Transactions.write(driver, tx -> {
            var result = tx.run("""
                    MATCH (m:Member {id: $memberId}), (ph:Photo {id: $photoId})-[:SHOWS]->(:Place {id: $placeId})
                    MERGE (m)-[:REPORTED]->(r:PhotoReport)-[:ABOUT]->(ph)
                      ON CREATE SET r.id = $id, r.reason = $reason, r.text = $text, r.createdAt = datetime(), r.status = 'open'
                    RETURN r.id AS id""", Map.of("memberId", memberId, "photoId", photoId, "placeId", place.value(),
                    "id", UUID.randomUUID().toString(), "reason", reason.name(), "text", text));
            return result.hasNext() ? Optional.of(result.next().get("id").asString()) : Optional.empty();
        });
    }

    private static Photo photo(Record r) {
        var ph = r.get("ph").asNode();
        return new Photo(ph.get("id").asString(), r.get("placeId").asString(), ph.get("alt").asString(),
                ph.get("caption").asString(""), Criterion.Group.valueOf(ph.get("group").asString()),
                Licence.valueOf(ph.get("licence").asString()), ph.get("width").asInt(), ph.get("height").asInt(),
                ph.get("createdAt").asZonedDateTime(), r.get("handle").asString(""));
    }
}
