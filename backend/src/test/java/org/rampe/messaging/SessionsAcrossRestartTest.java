package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.signUpOverHttp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neo4j.driver.Driver;
import org.rampe.HttpDevice;
import org.rampe.graph.Graph;

/**
 * One instance as {@code ./rampe} runs it (its embedded graph, no Redis): a member signed in stays
 * signed in when the instance is stopped and started again, because the session is in the graph.
 * Beside the other process tests, which start applications the same way ({@link RampeProcesses}).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SessionsAcrossRestartTest {

    private static RampeProcesses processes;
    private static RampeProcesses.Embedded instance;

    @BeforeAll
    static void start() throws Exception {
        processes = new RampeProcesses("sessions-restart");
        instance = processes.startAppWithEmbeddedGraph("app", "384m", "64MB", List.of());
    }

    @AfterAll
    static void stop() {
        if (processes != null) {
            processes.close();
        }
    }

    @Test
    void aMemberStaysSignedInAcrossARestartOfTheInstance() throws Exception {
        var app = instance.app();
        signUpOverHttp(app.baseUrl(), StompMember.account("ivy_restart"));
        var phone = new HttpDevice(app.baseUrl(), HttpDevice.FIREFOX_ANDROID).signIn(StompMember.email("ivy_restart"),
                StompMember.PASSWORD);
        assertThat(phone.signedIn()).isTrue();
        String session = phone.cookie("RAMPE_SESSION");

        app.stop();
        app.restart();

        assertThat(phone.signedIn()).as("signed in after the restart, with the same cookie").isTrue();
        assertThat(phone.cookie("RAMPE_SESSION")).isEqualTo(session);
        assertThat(phone.get("/account/sessions").body()).contains("Firefox sur Android", "cet appareil");
        try (Driver driver = instance.graph().driver()) {
            assertThat(new Graph(driver).count("MATCH (s:Session {id: $id}) RETURN count(s)", Map.of("id", session)))
                    .as("the session is a node of the instance's graph").isEqualTo(1);
        }
    }
}
