package org.rampe.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.HttpDevice;
import org.rampe.RampeTest;
import org.rampe.TestMembers;

/**
 * A suspension holds from the member's next request, whichever instance decided it: the gate reads
 * the graph, which every instance shares. Here the suspension is written as another instance's
 * decision writes it, straight into the graph, behind this instance's back (ScaleOutTest does it
 * with two real instances).
 */
class SuspensionsAtOnceTest extends RampeTest {

    @Test
    void aSuspensionWrittenByAnotherInstanceStopsTheMembersNextRequestAndItsLiftingLetsThemBackIn() throws Exception {
        members.signUp("noe");
        var noe = new HttpDevice(baseUrl(), HttpDevice.FIREFOX_ANDROID).signIn("noe@example.org", TestMembers.PASSWORD);
        assertThat(noe.get("/account").statusCode()).isEqualTo(200);

        graph.write("MATCH (m:Member {handle: 'noe'}) SET m.suspendedUntil = datetime() + duration('P7D')", Map.of());
        var stopped = noe.get("/account");
        assertThat(stopped.statusCode()).as("the next request, at once").isEqualTo(302);
        assertThat(stopped.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/signin?suspended"));

        graph.write("MATCH (m:Member {handle: 'noe'}) REMOVE m.suspendedUntil", Map.of());
        var back = new HttpDevice(baseUrl(), HttpDevice.SAFARI_MAC).signIn("noe@example.org", TestMembers.PASSWORD);
        assertThat(back.get("/account").statusCode()).as("lifted on another instance: in again at once").isEqualTo(200);
    }
}
