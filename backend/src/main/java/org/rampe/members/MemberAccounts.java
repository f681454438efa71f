package org.rampe.members;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Looks a member up by email for Spring Security's form sign-in. */
@Component
class MemberAccounts implements UserDetailsService {

    private final Members members;
    private final Administrators administrators;

    MemberAccounts(Members members, Administrators administrators) {
        this.members = members;
        this.administrators = administrators;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return members.credentials(email).map(c -> MemberAccount.of(c, administrators))
                .orElseThrow(() -> new UsernameNotFoundException("no such member"));
    }
}
