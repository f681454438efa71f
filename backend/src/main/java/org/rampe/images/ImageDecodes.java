package org.rampe.images;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.rampe.site.Capacities;
import org.rampe.site.Capacity;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@link Images#clean} within the instance's capacity for decodes: the upload's bytes are read and
 * the picture decoded (subsampled to about the output size) and re-encoded by at most the
 * capacity's size of requests at once; the others wait briefly, then are answered 503
 * ({@link org.rampe.site.ServerBusy}). Features call this from their controller or service, after
 * their own checks and limits, never from a filter or an argument resolver.
 */
@Component
public class ImageDecodes {

    private final Capacity decodes;

    ImageDecodes(Capacities capacities) {
        this.decodes = capacities.decodes();
    }

    /** As {@link Images#clean(byte[])}; the file is read only once a place is free. */
    public Images.Cleaned clean(MultipartFile upload) throws Images.Refused {
        return clean(upload, Images.MAX_SIDE);
    }

    /**
     * As {@link Images#clean(byte[], int)}; the file is read only once a place is free, so the
     * uploads held in memory are bounded too. A part that cannot be read is an UncheckedIOException.
     */
    public Images.Cleaned clean(MultipartFile upload, int maxSide) throws Images.Refused {
        return decodes.run(() -> Images.clean(bytes(upload), maxSide));
    }

    private static byte[] bytes(MultipartFile upload) {
        try {
            return upload.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
