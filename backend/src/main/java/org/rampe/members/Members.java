package org.rampe.members;

import java.util.Optional;

import org.neo4j.driver.exceptions.Neo4jException;
import org.rampe.graph.Transactions;
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

    Members(MemberRepository repository, PasswordEncoder passwordEncoder) {
        this.repository = repository;
        this.passwordEncoder = passwordEncoder;
    }

    /**
     * Validates and creates the account. Returns empty with the reasons in {@code errors} when it
     * cannot; a duplicate found only by the database (two sign-ups racing) is reported the same way.
     */
    Optional<Member> signUp(SignUpForm form, Errors errors) {
        form.validate(errors);
        if (!errors.hasFieldErrors("email") && repository.emailTaken(form.normalizedEmail())) {
            errors.rejectValue("email", "signup.email.taken");
        }
        if (!errors.hasFieldErrors("handle") && repository.handleTaken(form.normalizedHandle())) {
            errors.rejectValue("handle", "signup.handle.taken");
        }
        if (errors.hasErrors()) {
            return Optional.empty();
        }
        try {
            return Optional.of(repository.create(new NewMember(form.normalizedEmail(), form.normalizedHandle(),
                    form.normalizedDisplayName(), passwordEncoder.encode(form.getPassword()), form.chosenLanguage())));
        } catch (Neo4jException e) {
            if (!Transactions.isConstraintViolation(e)) {
                throw e;
            }
            if (repository.emailTaken(form.normalizedEmail())) {
                errors.rejectValue("email", "signup.email.taken");
            } else {
                errors.rejectValue("handle", "signup.handle.taken");
            }
            return Optional.empty();
        }
    }

    public Optional<Member> byId(MemberId id) {
        return repository.byId(id);
    }

    Optional<MemberRepository.Credentials> credentials(String email) {
        return repository.credentialsByEmail(SignUpForm.normalizeEmail(email));
    }

    public void changeLanguage(MemberId id, Language language) {
        repository.saveLanguage(id, language);
    }

    public void changePreferences(MemberId id, DisplayPreferences preferences) {
        repository.savePreferences(id, preferences);
    }
}
