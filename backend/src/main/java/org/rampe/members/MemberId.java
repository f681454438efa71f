package org.rampe.members;

import java.util.UUID;

/** A member's application id: a UUID, never a Neo4j internal id. */
public record MemberId(String value) {

    public MemberId {
        UUID.fromString(value);
    }

    static MemberId random() {
        return new MemberId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
