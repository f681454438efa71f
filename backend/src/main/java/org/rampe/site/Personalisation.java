package org.rampe.site;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language and display preferences of this browser, kept in two small cookies so that they
 * hold for visitors too. Signing in copies the member's own choices into them.
 */
@Component("localeResolver")
public class Personalisation implements LocaleResolver {

    static final String LANGUAGE_COOKIE = "rampe_lang";
    static final String DISPLAY_COOKIE = "rampe_display";
    private static final Duration KEEP = Duration.ofDays(365);
    private static final List<String> TAGS = Arrays.stream(Language.values()).map(Language::code).toList();

    public Language language(HttpServletRequest request) {
        return cookie(request, LANGUAGE_COOKIE).flatMap(Language::fromCode).orElseGet(() -> fromBrowser(request));
    }

    public DisplayPreferences preferences(HttpServletRequest request) {
        return cookie(request, DISPLAY_COOKIE).map(DisplayPreferences::fromCookieValue).orElse(DisplayPreferences.DEFAULT);
    }

    public void remember(HttpServletRequest request, HttpServletResponse response, Language language) {
        write(request, response, LANGUAGE_COOKIE, language.code());
    }

    public void remember(HttpServletRequest request, HttpServletResponse response, DisplayPreferences preferences) {
        write(request, response, DISPLAY_COOKIE, preferences.toCookieValue());
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return language(request).locale();
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        if (locale != null && response != null) {
            remember(request, response, Language.of(locale));
        }
    }

    /** The browser's first language we speak, by its Accept-Language weights; French otherwise. */
    static Language fromBrowser(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        if (header == null || header.isBlank()) {
            return Language.DEFAULT;
        }
        try {
            String tag = Locale.lookupTag(Locale.LanguageRange.parse(header), TAGS);
            return Language.fromCode(tag).orElse(Language.DEFAULT);
        } catch (IllegalArgumentException malformed) {
            return Language.DEFAULT;
        }
    }

    private static Optional<String> cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies).filter(c -> c.getName().equals(name)).map(Cookie::getValue).findFirst();
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, String name, String value) {
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(name, value)
                .path("/")
                .maxAge(KEEP)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .build()
                .toString());
    }
}
