package org.rampe.places;

/**
 * Where a place's record comes from, with the licence and attribution that must travel with it.
 *
 * @param kind     {@code member}, {@code osm} or {@code acceslibre}
 * @param sourceId the id in that source (OSM node id, acceslibre id); empty for members
 */
public record PlaceSource(String kind, String sourceId, String licence, String attribution) {

    static final String MEMBER = "member";
    static final String OSM = "osm";
    static final String ACCESLIBRE = "acceslibre";

    static PlaceSource member() {
        return new PlaceSource(MEMBER, "", "CC BY-SA 4.0", "Rampe contributors");
    }

    public static PlaceSource osm(String nodeId) {
        return new PlaceSource(OSM, nodeId, "ODbL 1.0", "© OpenStreetMap contributors");
    }

    static PlaceSource acceslibre(String id) {
        return new PlaceSource(ACCESLIBRE, id, "Licence Ouverte / Etalab 2.0", "acceslibre (Ministère de la Transition écologique)");
    }

    /** The unique key of an imported row: re-importing it updates the same place. */
    String key() {
        return MEMBER.equals(kind) ? null : kind + ":" + sourceId;
    }
}
