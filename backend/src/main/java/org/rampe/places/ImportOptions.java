package org.rampe.places;

/**
 * What part of a file to import, and whether the file is the whole of its area.
 *
 * @param area     only the places inside it, or {@link Area#EVERYWHERE}
 * @param complete the file holds every place of its source in {@code area} (a full extract, not a
 *                 sample): places of that source in the area that the file no longer has are marked
 *                 "maybe closed" for members to confirm (never deleted)
 */
public record ImportOptions(Area area, boolean complete) {

    public static final ImportOptions ALL = new ImportOptions(Area.EVERYWHERE, false);

    public ImportOptions {
        if (area == null) {
            throw new IllegalArgumentException("area is required; Area.EVERYWHERE for no filter");
        }
    }
}
