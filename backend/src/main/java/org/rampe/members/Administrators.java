package org.rampe.members;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Members who administer the site, named by handle in configuration ({@code rampe.admins}), so that
 * no account ever exists with a default password. They get ROLE_ADMIN when they sign in.
 */
@ConfigurationProperties("rampe")
public record Administrators(@DefaultValue List<String> admins) {

    Set<String> handles() {
        return admins.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean isAdmin(String handle) {
        return handle != null && handles().contains(handle.toLowerCase(Locale.ROOT));
    }
}
