package org.rampe.members;

import java.io.Serializable;
import java.util.UUID;

import org.rampe.site.MalformedId;

/**
 * A member's application id: a UUID, never a Neo4j internal id. Bound from a path, anything else
 * is a 404 ({@link MalformedId}). Serializable: the signed-in member ({@code MemberAccount}) is kept
 * in the session store.
 */
public record MemberId(String value) implements Serializable {

    public MemberId {
        value = MalformedId.canonicalUuid(value, "member");
    }

    static MemberId random() {
        return new MemberId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
