package org.rampe.members.passkeys;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticationExtensionsClientInputs;
import org.springframework.security.web.webauthn.api.AuthenticatorAttachment;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialDescriptor;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * Keeps the options of a passkey registration in the member's session between the two requests
 * of the ceremony, in a form the session store can write. Spring Security's own repository puts
 * {@link PublicKeyCredentialCreationOptions} there as it is, and that class is not
 * {@code Serializable} (spring-security#16431, still open in 7.0): a session kept in the graph or in
 * Redis, not in one instance's memory, could not hold it, and adding a passkey failed. The parts
 * that are serializable already (the user, the challenge, the descriptors, the extensions) are kept
 * as they are; the others by their values.
 */
public final class CreationOptionsInSession implements PublicKeyCredentialCreationOptionsRepository {

    static final String ATTRIBUTE = CreationOptionsInSession.class.getName();

    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(PublicKeyCredentialParameters.EdDSA,
            PublicKeyCredentialParameters.ES256, PublicKeyCredentialParameters.ES384, PublicKeyCredentialParameters.ES512,
            PublicKeyCredentialParameters.RS256, PublicKeyCredentialParameters.RS384, PublicKeyCredentialParameters.RS512,
            PublicKeyCredentialParameters.RS1);

    @Override
    public void save(HttpServletRequest request, HttpServletResponse response, PublicKeyCredentialCreationOptions options) {
        if (options == null) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(ATTRIBUTE);
            }
            return;
        }
        request.getSession().setAttribute(ATTRIBUTE, Stored.of(options));
    }

    @Override
    public PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(ATTRIBUTE) instanceof Stored stored ? stored.options() : null;
    }

    /** The options by value; every field is {@code Serializable}. */
    record Stored(String rpName, String rpId, PublicKeyCredentialUserEntity user, Bytes challenge, ArrayList<Long> algorithms,
                  Duration timeout, ArrayList<PublicKeyCredentialDescriptor> excludeCredentials,
                  AuthenticatorAttachment attachment, String residentKey, UserVerificationRequirement userVerification,
                  String attestation, AuthenticationExtensionsClientInputs extensions) implements Serializable {

        static Stored of(PublicKeyCredentialCreationOptions options) {
            var selection = options.getAuthenticatorSelection();
            var algorithms = new ArrayList<Long>();
            for (var parameters : options.getPubKeyCredParams()) {
                algorithms.add(parameters.getAlg().getValue());
            }
            return new Stored(options.getRp().getName(), options.getRp().getId(), options.getUser(), options.getChallenge(),
                    algorithms, options.getTimeout(),
                    options.getExcludeCredentials() == null ? null : new ArrayList<>(options.getExcludeCredentials()),
                    selection == null ? null : selection.getAuthenticatorAttachment(),
                    selection == null || selection.getResidentKey() == null ? null : selection.getResidentKey().getValue(),
                    selection == null ? null : selection.getUserVerification(),
                    options.getAttestation() == null ? null : options.getAttestation().getValue(), options.getExtensions());
        }

        PublicKeyCredentialCreationOptions options() {
            var parameters = new ArrayList<PublicKeyCredentialParameters>();
            for (long algorithm : algorithms) {
                ALGORITHMS.stream().filter(p -> p.getAlg().getValue() == algorithm).findFirst().ifPresent(parameters::add);
            }
            var builder = PublicKeyCredentialCreationOptions.builder()
                    .rp(PublicKeyCredentialRpEntity.builder().name(rpName).id(rpId).build())
                    .user(user)
                    .challenge(challenge)
                    .pubKeyCredParams(parameters)
                    .timeout(timeout)
                    .excludeCredentials(excludeCredentials)
                    .extensions(extensions);
            if (attachment != null || residentKey != null || userVerification != null) {
                builder.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .authenticatorAttachment(attachment)
                        .residentKey(residentKey == null ? null : ResidentKeyRequirement.valueOf(residentKey))
                        .userVerification(userVerification)
                        .build());
            }
            if (attestation != null) {
                builder.attestation(AttestationConveyancePreference.valueOf(attestation));
            }
            return builder.build();
        }
    }
}
