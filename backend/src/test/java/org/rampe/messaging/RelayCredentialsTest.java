package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Issue 17: the STOMP relay never signs in to RabbitMQ with its well-known default account outside
 * tests; the scale-out tests say so explicitly ({@code allow-guest}, RabbitMqBroker.relayArguments).
 */
class RelayCredentialsTest {

    @Test
    void theRelayRefusesToStartOnGuestGuest() {
        var relay = new LiveProperties.Relay("rabbit.internal", 61613, "guest", "guest", null, false);
        assertThatThrownBy(relay::refuseDefaultCredentials).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("guest/guest").hasMessageContaining("rampe.messaging.relay.login");
    }

    @Test
    void itStartsWithItsOwnUserWithoutRelayOrWithTheTestsExplicitSwitch() {
        assertThatCode(() -> new LiveProperties.Relay("rabbit.internal", 61613, "rampe", "s3cret-passcode", null, false)
                .refuseDefaultCredentials()).doesNotThrowAnyException();
        assertThatCode(() -> new LiveProperties.Relay("", 61613, "guest", "guest", null, false)
                .refuseDefaultCredentials()).doesNotThrowAnyException();
        assertThatCode(() -> new LiveProperties.Relay("127.0.0.1", 61613, "guest", "guest", null, true)
                .refuseDefaultCredentials()).doesNotThrowAnyException();
    }
}
