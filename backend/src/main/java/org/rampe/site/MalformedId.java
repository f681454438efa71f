package org.rampe.site;

/**
 * A value that cannot be one of the application's ids (a UUID). Thrown by the id records of the
 * features ({@code PostId}, {@code GroupId}, …) when they are built from a path or a form, where
 * {@link MalformedIds} makes it the same 404 as an id that exists nowhere: a mistyped address is
 * not found, never a server error nor a hint about what exists.
 */
public class MalformedId extends IllegalArgumentException {

    public MalformedId(String kind) {
        super("not a " + kind + " id");
    }

    /**
     * The canonical form of a UUID (lower case, with its dashes), as every id is stored.
     *
     * @throws MalformedId when {@code raw} is not a UUID
     */
    public static String canonicalUuid(String raw, String kind) {
        if (raw == null || raw.length() > 36) {
            throw new MalformedId(kind);
        }
        try {
            return java.util.UUID.fromString(raw).toString();
        } catch (IllegalArgumentException e) {
            throw new MalformedId(kind);
        }
    }
}
