package org.rampe.images;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * How a stored JPEG is answered: as a JPEG that the browser must not sniff as anything else, and
 * cached by one of the two policies the site uses.
 */
public final class JpegResponses {

    private JpegResponses() {
    }

    /**
     * An image whose readers depend on who asks and can change (a block, a narrower audience, a
     * moderation case decided): the viewer's browser may keep it ten minutes, no shared cache.
     */
    public static ResponseEntity<byte[]> forThisViewer(byte[] jpeg) {
        return jpeg(CacheControl.maxAge(Duration.ofMinutes(10)).cachePrivate()).body(jpeg);
    }

    /**
     * A public image: shared caches may keep it a day, which bounds how long one removed or hidden
     * lingers there. The body (and an ETag, if any) is the caller's.
     */
    public static ResponseEntity.BodyBuilder publicForADay() {
        return jpeg(CacheControl.maxAge(Duration.ofDays(1)).cachePublic());
    }

    private static ResponseEntity.BodyBuilder jpeg(CacheControl cache) {
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_JPEG)
                .header("X-Content-Type-Options", "nosniff")
                .cacheControl(cache);
    }
}
