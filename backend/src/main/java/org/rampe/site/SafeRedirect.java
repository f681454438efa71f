package org.rampe.site;

/** Keeps "come back to" addresses on this site: a path, never another host. */
public final class SafeRedirect {

    private SafeRedirect() {
    }

    public static String localPath(String candidate) {
        if (candidate == null || candidate.isBlank() || !candidate.startsWith("/") || candidate.startsWith("//")
                || candidate.contains("\\") || candidate.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return candidate;
    }
}
