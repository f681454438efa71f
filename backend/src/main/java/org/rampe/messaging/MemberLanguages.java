package org.rampe.messaging;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.neo4j.driver.Driver;
import org.rampe.graph.Transactions;
import org.rampe.site.Language;
import org.springframework.stereotype.Component;

/**
 * The language a member chose ({@code Member.language}), for words the server pushes on its own
 * (header counts, "seen by"), when no request says it. Kept a few minutes: a language change shows
 * in pushes a little later, and in pages at once.
 */
@Component
class MemberLanguages {

    private final Driver driver;
    private final Cache<String, Locale> cache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5)).maximumSize(100_000).build();

    MemberLanguages(Driver driver) {
        this.driver = driver;
    }

    Locale of(String memberId) {
        return cache.get(memberId, id -> Transactions.read(driver, tx -> tx.run(
                "MATCH (m:Member {id: $id}) RETURN m.language AS language", Map.of("id", id)).list())
                .stream().findFirst()
                .flatMap(r -> r.get("language").isNull() ? java.util.Optional.<Language>empty() : Language.fromCode(r.get("language").asString()))
                .orElse(Language.DEFAULT).locale());
    }
}
