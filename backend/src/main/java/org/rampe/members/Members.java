package org.rampe.members;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import org.neo4j.driver.exceptions.Neo4jException;
import org.rampe.graph.Graph;
import org.rampe.site.DisplayPreferences;
import org.rampe.site.Language;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.validation.Errors;

/** Accounts: creating them, finding them, and what members choose for themselves. */
@Service
public class Members {

    private final MemberRepository repository;
    private final PasswordEncoder passwordEncoder;
    private final AccessNeedsRepository needs;
    private final AccountRepository accounts;
    private final ErasureRepository erasures;

    Members(MemberRepository repository, PasswordEncoder passwordEncoder, AccessNeedsRepository needs, AccountRepository accounts,
            ErasureRepository erasures) {
        this.repository = repository;
        this.erasures = erasures;
        this.passwordEncoder = passwordEncoder;
        this.needs = needs;
        this.accounts = accounts;
    }

    /**
     * Validates and creates the account. A form with mistakes is refused with the reasons in
     * {@code errors}; an address that already has an account is answered as {@link
     * SignUpOutcome.AddressTaken}, never as a mistake (that would tell anyone who is a member), also
     * when only the database finds it (two sign-ups racing). The password is hashed in every case
     * that gets past the form, so that a taken address takes as long as a new one.
     */
    SignUpOutcome signUp(SignUpForm form, Errors errors) {
        form.validate(errors);
        if (!errors.hasFieldErrors("handle") && repository.handleTaken(form.normalizedHandle())) {
            errors.rejectValue("handle", "signup.handle.taken");
        } else if (!errors.hasFieldErrors("handle") && handleReserved(form.normalizedHandle())) {
            errors.rejectValue("handle", "erasure.handle.reserved");
        } else if (!errors.hasFieldErrors("handle") && repository.skeletonTaken(HandleSkeletons.of(form.normalizedHandle()))) {
            errors.rejectValue("handle", "hardening.handle.lookalike");
        }
        if (errors.hasErrors()) {
            return new SignUpOutcome.Refused();
        }
        String hash = passwordEncoder.encode(form.getPassword());
        var owner = repository.credentialsByEmail(form.normalizedEmail());
        if (owner.isPresent()) {
            return new SignUpOutcome.AddressTaken(owner.get().member());
        }
        try {
            return new SignUpOutcome.Created(repository.create(new NewMember(form.normalizedEmail(), form.normalizedHandle(),
                    form.normalizedDisplayName(), hash, form.chosenLanguage())));
        } catch (Neo4jException e) {
            if (!Graph.isConstraintViolation(e)) {
                throw e;
            }
            var raced = repository.credentialsByEmail(form.normalizedEmail());
            if (raced.isPresent()) {
                return new SignUpOutcome.AddressTaken(raced.get().member());
            }
            errors.rejectValue("handle", "signup.handle.taken");
            return new SignUpOutcome.Refused();
        }
    }

    /**
     * A demo member ({@code demo: true}), created unless one has this address already (a half-done
     * earlier load may have made it). Their password is random and never shown: nobody signs in as them.
     */
    public MemberId demoMember(String email, String handle, String displayName) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return repository.demo(email, handle, displayName, passwordEncoder.encode(Base64.getEncoder().encodeToString(secret)));
    }

    /**
     * Where to mail the member, in their language; empty for an unknown member and for an address
     * not verified yet: such an address gets no mail but the account's own (verification, reset).
     */
    public Optional<Recipient> mailRecipient(MemberId id) {
        return accounts.verifiedRecipient(id);
    }

    public Optional<Member> byId(MemberId id) {
        return repository.byId(id);
    }

    /** The member with this handle (lower-cased first; a leading {@code @} is ignored), if any. */
    public Optional<Member> byHandle(String handle) {
        String h = SignUpForm.normalizeHandle(handle);
        return h.isEmpty() ? Optional.empty() : repository.byHandle(h);
    }

    /**
     * The member's declared access needs, for a feature that must decide itself whether to show
     * them (the profile applies the member's visibility choice). Never show them otherwise.
     */
    public Optional<AccessNeeds> accessNeeds(MemberId id) {
        return needs.find(id);
    }

    /**
     * The needs a member declared for themselves (with consent), which place searches start from
     * by default; empty when they declared none or withdrew their consent.
     */
    public Set<NeedProfile> declaredNeeds(MemberId id) {
        return needs.find(id).map(AccessNeeds::profiles).orElse(Set.of());
    }

    /** Keeps the member's needs, after the consent the page asked for (checked by the caller). */
    void saveAccessNeeds(MemberId id, Set<NeedProfile> profiles, String note, String visibility) {
        needs.save(id, profiles, note, visibility);
    }

    /** Consent withdrawn: the needs are erased, and the history keeps only that and when (AccessNeedsRepository.erase). */
    void eraseAccessNeeds(MemberId id) {
        needs.erase(id);
    }

    /** The credentials to sign in with this address: none for a member being erased (issue 16). */
    Optional<MemberRepository.Credentials> credentials(String email) {
        return repository.signInCredentials(SignUpForm.normalizeEmail(email));
    }

    /** Whether this member may be signed in now: they exist and are not being erased. */
    boolean maySignIn(MemberId id) {
        return repository.maySignIn(id);
    }

    /**
     * Whether the handle belonged to a member who deleted their account less than 30 days ago, or
     * who is being erased now: their pages answer 410 Gone (after the 30 days, 404 like any unknown
     * handle).
     */
    public boolean wasErased(String handle) {
        String h = SignUpForm.normalizeHandle(handle);
        return !h.isEmpty() && (erasures.reserved(MemberErasure.digest(h), java.time.Instant.now()) || erasures.erasing(h));
    }

    /**
     * Whether sign-up must refuse this handle: an erased member's, or one that looks like it
     * (HandleSkeletons), reserved for 30 days by their digests.
     */
    boolean handleReserved(String handle) {
        String h = SignUpForm.normalizeHandle(handle);
        var now = java.time.Instant.now();
        return !h.isEmpty() && (erasures.reserved(MemberErasure.digest(h), now)
                || erasures.reserved(HandleSkeletons.reservationDigest(h), now));
    }

    /** Whether the member's address has been proven theirs (the account page says so). */
    boolean emailVerified(MemberId id) {
        return accounts.emailVerified(id);
    }

    public void changeLanguage(MemberId id, Language language) {
        repository.saveLanguage(id, language);
    }

    public void changePreferences(MemberId id, DisplayPreferences preferences) {
        repository.savePreferences(id, preferences);
    }
}
