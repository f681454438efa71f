package org.rampe.images;

import java.util.Optional;

/**
 * Where the cleaned JPEG bytes of photos live, keyed by photo id (a UUID, never anything a member
 * typed). The filesystem is the only implementation today; an object store can implement the
 * same three calls later.
 */
public interface ImageStore {

    void put(String photoId, byte[] jpeg);

    Optional<byte[]> get(String photoId);

    void delete(String photoId);
}
