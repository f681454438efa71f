package org.rampe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void demoIsShortForTheDemoProperty() {
        assertThat(RampeApplication.withDemoFlag(new String[] {"--demo", "--server.port=9090"}))
                .containsExactly("--rampe.demo=true", "--server.port=9090");
        assertThat(RampeApplication.withDemoFlag(new String[] {})).isEmpty();
    }
}
