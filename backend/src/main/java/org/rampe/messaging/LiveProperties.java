package org.rampe.messaging;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The live messaging transport (STOMP over WebSocket at {@code /ws}).
 *
 * @param allowedOrigins   origins allowed to open the WebSocket besides the page's own; empty (the
 *                         default) means same origin only, so another site cannot ride a member's cookie
 * @param messageSizeLimit largest STOMP frame accepted from a client (a message is at most 5,000
 *                         characters, so 64 KiB leaves room for the frame and JSON without inviting abuse)
 * @param sendBufferSize   how much may wait for a slow client before its session is closed
 * @param sendTimeLimit    how long one send to a client may take before its session is closed
 * @param heartbeat        STOMP heartbeat interval in both directions (dead connections are noticed)
 * @param inboundThreads   threads handling clients' frames (sends wait for the database, so more than the cores)
 * @param relay            the external broker (RabbitMQ with its STOMP plugin); without a host, the
 *                         in-memory simple broker serves one instance
 */
@ConfigurationProperties("rampe.messaging")
record LiveProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("64KB") DataSize messageSizeLimit,
        @DefaultValue("512KB") DataSize sendBufferSize,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue("10s") Duration heartbeat,
        @DefaultValue("16") int inboundThreads,
        @DefaultValue Relay relay) {

    /**
     * @param host        broker host; empty: no relay
     * @param port        its STOMP port
     * @param login       login of the relay's connections (the "system" one and the clients' ones)
     * @param passcode    its password
     * @param virtualHost the broker's virtual host, if it needs one
     * @param allowGuest  tests only: accept RabbitMQ's default {@code guest}/{@code guest} (which RabbitMQ
     *                    itself accepts from 127.0.0.1 only)
     */
    record Relay(String host, @DefaultValue("61613") int port, @DefaultValue("guest") String login,
            @DefaultValue("guest") String passcode, String virtualHost, @DefaultValue("false") boolean allowGuest) {

        boolean enabled() {
            return host != null && !host.isBlank();
        }

        /**
         * Refuses to start a relay on RabbitMQ's well-known default account (issue 17): anyone who
         * reaches the broker would read and send every live message. Give the relay its own user.
         */
        void refuseDefaultCredentials() {
            if (enabled() && !allowGuest && "guest".equals(login) && "guest".equals(passcode)) {
                throw new IllegalStateException("The STOMP relay to " + host + ":" + port + " would sign in to RabbitMQ as guest/guest, "
                        + "its well-known default account. Create a user for Rampe and set rampe.messaging.relay.login and "
                        + "rampe.messaging.relay.passcode (RAMPE_MESSAGING_RELAY_LOGIN, RAMPE_MESSAGING_RELAY_PASSCODE).");
            }
        }
    }
}
