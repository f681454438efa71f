package org.rampe.members;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Looks a member up by email for Spring Security's form sign-in. */
@Component
class MemberAccounts implements UserDetailsService {

    private final Members members;

    MemberAccounts(Members members) {
        this.members = members;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return members.credentials(email).map(MemberAccount::of)
                .orElseThrow(() -> new UsernameNotFoundException("no such member"));
    }
}
