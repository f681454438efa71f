package org.rampe.members.passkeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutableAuthenticationExtensionsClientInput;
import org.springframework.security.web.webauthn.api.ImmutableAuthenticationExtensionsClientInputs;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialDescriptor;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;

/**
 * The options of a passkey registration survive the trip through a session store that writes
 * attributes with Java serialization (the graph's, Redis's): what comes back is what went in.
 * The browser test (PasskeysBrowserTest) does the whole ceremony against the graph's store.
 */
class CreationOptionsInSessionTest {

    private final CreationOptionsInSession repository = new CreationOptionsInSession();

    @Test
    void theOptionsComeBackFromASerializedSessionAsTheyWent() throws Exception {
        var options = PublicKeyCredentialCreationOptions.builder()
                .rp(PublicKeyCredentialRpEntity.builder().name("Rampe").id("rampe.example").build())
                .user(ImmutablePublicKeyCredentialUserEntity.builder().name("noor@example.org").displayName("Noor")
                        .id(Bytes.random()).build())
                .challenge(Bytes.random())
                .pubKeyCredParams(PublicKeyCredentialParameters.EdDSA, PublicKeyCredentialParameters.ES256,
                        PublicKeyCredentialParameters.RS256)
                .timeout(Duration.ofMinutes(5))
                .excludeCredentials(List.of(PublicKeyCredentialDescriptor.builder().type(PublicKeyCredentialType.PUBLIC_KEY)
                        .id(Bytes.random()).transports(AuthenticatorTransport.INTERNAL, AuthenticatorTransport.HYBRID).build()))
                .authenticatorSelection(AuthenticatorSelectionCriteria.builder().residentKey(ResidentKeyRequirement.REQUIRED)
                        .userVerification(UserVerificationRequirement.PREFERRED).build())
                .attestation(AttestationConveyancePreference.NONE)
                .extensions(new ImmutableAuthenticationExtensionsClientInputs(ImmutableAuthenticationExtensionsClientInput.credProps))
                .build();
        var first = new MockHttpServletRequest();
        repository.save(first, new MockHttpServletResponse(), options);

        // The next request of the ceremony, served from what the store wrote.
        var next = new MockHttpServletRequest();
        var session = new MockHttpSession();
        session.setAttribute(CreationOptionsInSession.ATTRIBUTE, roundTrip(first.getSession().getAttribute(CreationOptionsInSession.ATTRIBUTE)));
        next.setSession(session);

        assertThat(repository.load(next)).usingRecursiveComparison().isEqualTo(options);
    }

    @Test
    void savingNoOptionsForgetsThem() {
        var request = new MockHttpServletRequest();
        repository.save(request, new MockHttpServletResponse(), PublicKeyCredentialCreationOptions.builder()
                .rp(PublicKeyCredentialRpEntity.builder().name("Rampe").id("rampe.example").build())
                .user(ImmutablePublicKeyCredentialUserEntity.builder().name("a").displayName("A").id(Bytes.random()).build())
                .challenge(Bytes.random()).pubKeyCredParams(PublicKeyCredentialParameters.ES256).build());
        assertThat(repository.load(request)).isNotNull();
        repository.save(request, new MockHttpServletResponse(), null);
        assertThat(repository.load(request)).isNull();
        assertThat(repository.load(new MockHttpServletRequest())).as("no session, none made").isNull();
    }

    private static Object roundTrip(Object value) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
