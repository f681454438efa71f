package org.rampe.messaging;

import java.time.Duration;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.rampe.site.Language;
import org.springframework.stereotype.Component;

/**
 * The language a member chose ({@code Member.language}), for words the server pushes on its own
 * (header counts, "seen by"), when no request says it. Kept a few minutes: a language change shows
 * in pushes a little later, and in pages at once.
 */
@Component
class MemberLanguages {

    private final MemberSettingsRepository repository;
    private final Cache<String, Locale> cache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5)).maximumSize(100_000).build();

    MemberLanguages(MemberSettingsRepository repository) {
        this.repository = repository;
    }

    Locale of(String memberId) {
        return cache.get(memberId, id -> repository.language(id).flatMap(Language::fromCode).orElse(Language.DEFAULT).locale());
    }
}
