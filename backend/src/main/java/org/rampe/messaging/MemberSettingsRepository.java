package org.rampe.messaging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * What members chose that messaging reads on its own: their messaging settings
 * ({@code Member.readReceipts}, {@code Member.presenceVisible}, {@code Member.messagesFrom}) and their language
 * ({@code Member.language}, kept by members) for the words of pushes.
 */
@Repository
class MemberSettingsRepository {

    private final Graph graph;

    MemberSettingsRepository(Graph graph) {
        this.graph = graph;
    }

    MessagingSettings settings(String viewer) {
        return graph.query("""
                MATCH (m:Member {id: $viewer})
                RETURN coalesce(m.readReceipts, true) AS receipts, coalesce(m.presenceVisible, true) AS presence,
                       m.messagesFrom AS messagesFrom""",
                Map.of("viewer", viewer), r -> new MessagingSettings(r.get("receipts").asBoolean(), r.get("presence").asBoolean(),
                        MessagesFrom.of(r.get("messagesFrom").asString(null))))
                .stream().findFirst().orElse(new MessagingSettings(true, true));
    }

    /** The default of {@code messagesFrom} is not stored (absent = {@link MessagesFrom#CONTACTS}). */
    void saveSettings(String viewer, MessagingSettings settings) {
        graph.write("""
                MATCH (m:Member {id: $viewer})
                SET m.readReceipts = $receipts, m.presenceVisible = $presence, m.messagesFrom = $messagesFrom""",
                Graph.params("viewer", viewer, "receipts", settings.readReceipts(), "presence", settings.presenceVisible(),
                        "messagesFrom", settings.messagesFrom() == MessagesFrom.CONTACTS ? null : settings.messagesFrom().key()));
    }

    /**
     * Whether each of these members shows their presence to {@code viewer} (a member not found is
     * left out): never across a block, either way.
     */
    Map<String, Boolean> presenceVisible(String viewer, List<String> ids) {
        Map<String, Boolean> visible = new HashMap<>();
        graph.list("""
                MATCH (me:Member {id: $viewer})
                MATCH (m:Member) WHERE m.id IN $ids
                RETURN m.id AS id, coalesce(m.presenceVisible, true) AND NOT EXISTS { (me)-[:BLOCKS]-(m) } AS visible""",
                Map.of("viewer", viewer, "ids", ids),
                r -> Map.entry(r.get("id").asString(), r.get("visible").asBoolean()))
                .forEach(e -> visible.put(e.getKey(), e.getValue()));
        return visible;
    }

    /** The language code the member chose; empty when none is stored (or no such member). */
    Optional<String> language(String memberId) {
        return graph.one("MATCH (m:Member {id: $id}) RETURN m.language AS language", Map.of("id", memberId),
                r -> r.get("language").isNull() ? null : r.get("language").asString());
    }
}
