package org.rampe.social;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.neo4j.driver.Driver;
import org.rampe.graph.Transactions;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Signed-up members for the social tests, each from its own address so the sign-up limit never bites. */
public final class SocialFixtures {

    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    private SocialFixtures() {
    }

    /** Signs a member up (French site) and returns their signed-in session. */
    public static MockHttpSession signUp(MockMvc mvc, String handle, String displayName) throws Exception {
        int n = ADDRESS.getAndIncrement();
        return (MockHttpSession) mvc.perform(post("/signup").with(csrf())
                        .with(r -> {
                            r.setRemoteAddr("10.9." + (n / 250) % 250 + "." + (n % 250 + 1));
                            return r;
                        })
                        .param("email", handle + "@example.org").param("handle", handle).param("displayName", displayName)
                        .param("password", "a long enough password").param("language", "fr"))
                .andExpect(status().is3xxRedirection()).andReturn().getRequest().getSession();
    }

    public static String id(Driver driver, String handle) {
        return Transactions.read(driver, tx -> tx.run("MATCH (m:Member {handle: $h}) RETURN m.id AS id", Map.of("h", handle))
                .single().get("id").asString());
    }

    public static boolean related(Driver driver, String from, String type, String to) {
        return Transactions.read(driver, tx -> tx.run("MATCH (:Member {handle: $a})-[r]->(:Member {handle: $b}) WHERE type(r) = $t RETURN count(r) AS n",
                Map.of("a", from, "b", to, "t", type)).single().get("n").asLong() > 0);
    }

    public static long count(Driver driver, String from, String type, String to) {
        return Transactions.read(driver, tx -> tx.run("MATCH (:Member {handle: $a})-[r]->(:Member {handle: $b}) WHERE type(r) = $t RETURN count(r) AS n",
                Map.of("a", from, "b", to, "t", type)).single().get("n").asLong());
    }
}
