package org.rampe.members;

import java.util.List;
import java.util.Map;

/**
 * A browser's {@code User-Agent} in the words a person knows ("Firefox", "Android"), for the list of
 * signed-in devices; null where it says nothing recognisable. Order matters: most browsers also
 * call themselves Safari or Chrome, so the specific names are looked for first.
 */
record Device(String browser, String system) {

    private static final List<Map.Entry<String, String>> BROWSERS = List.of(
            Map.entry("Edg", "Edge"),
            Map.entry("OPR/", "Opera"),
            Map.entry("Opera", "Opera"),
            Map.entry("SamsungBrowser/", "Samsung Internet"),
            Map.entry("Vivaldi/", "Vivaldi"),
            Map.entry("Firefox/", "Firefox"),
            Map.entry("FxiOS/", "Firefox"),
            Map.entry("CriOS/", "Chrome"),
            Map.entry("Chromium/", "Chromium"),
            Map.entry("Chrome/", "Chrome"),
            Map.entry("Safari/", "Safari"));

    private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
            Map.entry("Android", "Android"),
            Map.entry("iPhone", "iPhone"),
            Map.entry("iPad", "iPad"),
            Map.entry("CrOS", "ChromeOS"),
            Map.entry("Windows", "Windows"),
            Map.entry("Macintosh", "macOS"),
            Map.entry("Mac OS X", "macOS"),
            Map.entry("Linux", "Linux"));

    static Device of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new Device(null, null);
        }
        return new Device(first(BROWSERS, userAgent), first(SYSTEMS, userAgent));
    }

    private static String first(List<Map.Entry<String, String>> names, String userAgent) {
        for (var name : names) {
            if (userAgent.contains(name.getKey())) {
                return name.getValue();
            }
        }
        return null;
    }
}
