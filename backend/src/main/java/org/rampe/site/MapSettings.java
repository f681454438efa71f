package org.rampe.site;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where map tiles come from. Empty URL: no tiles at all, the map shows markers on a plain
 * background. The tile host is added to the Content-Security-Policy's img-src.
 */
@ConfigurationProperties("rampe.map")
public record MapSettings(
        @DefaultValue("https://tile.openstreetmap.org/{z}/{x}/{y}.png") String tilesUrl,
        @DefaultValue("© OpenStreetMap contributors") String tilesAttribution) {

    /** The origin to allow in img-src, or empty. */
    public String tilesOrigin() {
        if (tilesUrl == null || tilesUrl.isBlank()) {
            return "";
        }
        try {
            URI uri = URI.create(tilesUrl.replace("{", "").replace("}", ""));
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
