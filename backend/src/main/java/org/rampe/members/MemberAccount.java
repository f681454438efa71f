package org.rampe.members;

import java.io.Serial;
import java.util.Collection;
import java.util.List;

import org.rampe.site.Viewer;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in member as Spring Security keeps them in the session. The password hash is held
 * only while signing in: Spring Security erases it once the check is done.
 */
final class MemberAccount implements UserDetails, CredentialsContainer, Viewer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final MemberId id;
    private final String email;
    private final String handle;
    private final String displayName;
    private final boolean admin;
    private String passwordHash;

    MemberAccount(MemberId id, String email, String handle, String displayName, boolean admin, String passwordHash) {
        this.id = id;
        this.email = email;
        this.handle = handle;
        this.displayName = displayName;
        this.admin = admin;
        this.passwordHash = passwordHash;
    }

    static MemberAccount of(MemberRepository.Credentials credentials, Administrators administrators) {
        Member m = credentials.member();
        return new MemberAccount(m.id(), m.email(), m.handle(), m.displayName(), administrators.isAdmin(m.handle()),
                credentials.passwordHash());
    }

    static MemberAccount signedUp(Member m, Administrators administrators) {
        return new MemberAccount(m.id(), m.email(), m.handle(), m.displayName(), administrators.isAdmin(m.handle()), null);
    }

    /** The same signed-in member under a new display name (after editing their profile). */
    public MemberAccount withDisplayName(String newDisplayName) {
        return new MemberAccount(id, email, handle, newDisplayName, admin, null);
    }

    /** The same signed-in member under their new address (their sign-in name), after they confirmed it. */
    MemberAccount withEmail(String newEmail) {
        return new MemberAccount(id, newEmail, handle, displayName, admin, null);
    }

    public MemberId id() {
        return id;
    }

    @Override
    public String memberId() {
        return id.value();
    }

    @Override
    public String handle() {
        return handle;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public boolean admin() {
        return admin;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return admin
                ? List.of(new SimpleGrantedAuthority("ROLE_MEMBER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_MEMBER"));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "MemberAccount[" + handle + "]";
    }
}
