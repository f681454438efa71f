package org.rampe.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.rampe.Latencies;

/**
 * The RabbitMQ (with its STOMP plugin) that the scale-out tests and the messaging benchmark relay
 * through. If something already answers STOMP on 127.0.0.1:61613 (a developer's broker, or CI's),
 * it is used as it is; otherwise one node is started for the whole test run — its own node name,
 * its own directories under {@code target/rabbitmq}, every listener on 127.0.0.1 — and stopped
 * when the test JVM ends.
 *
 * <p>The Debian script {@code /usr/sbin/rabbitmq-server} is not used: run as root, it switches to
 * the {@code rabbitmq} user ({@code su rabbitmq}), who can neither write under {@code target} nor
 * read a cookie made here. The script it wraps, {@code /usr/lib/rabbitmq/bin/rabbitmq-server},
 * runs the node in the foreground as the current user, which is what a test needs: a child
 * process it can stop.
 */
final class RabbitMqBroker {

    static final String HOST = "127.0.0.1";
    static final int STOMP_PORT = 61613;
    static final String INSTALL = "apt-get install -y rabbitmq-server";
    private static final Path BIN = Path.of("/usr/lib/rabbitmq/bin");

    private static RabbitMqBroker running;

    private final Process process; // null when the broker was already there
    private final String node;
    private final Map<String, String> env;

    private RabbitMqBroker(Process process, String node, Map<String, String> env) {
        this.process = process;
        this.node = node;
        this.env = env;
    }

    /** The broker of this run: the one already listening, or one started now (once per JVM). */
    static synchronized RabbitMqBroker ensureRunning() {
        if (running == null) {
            running = answersStomp() ? new RabbitMqBroker(null, null, Map.of()) : start();
        }
        return running;
    }

    boolean startedHere() {
        return process != null;
    }

    private static RabbitMqBroker start() {
        Path server = BIN.resolve("rabbitmq-server");
        if (!Files.isExecutable(server)) {
            throw new IllegalStateException("RabbitMQ is not installed (no " + server + "). The scale-out tests need it: "
                    + INSTALL + " (Debian's package, with its STOMP plugin)");
        }
        try {
            Path dir = Path.of("target", "rabbitmq").toAbsolutePath().normalize();
            Latencies.deleteRecursively(dir);
            Files.createDirectories(dir.resolve("log"));
            int amqpPort = freePort();
            int distPort = freePort();
            Files.writeString(dir.resolve("rabbitmq.conf"), """
                    # Written by RabbitMqBroker for one test run: loopback only.
                    listeners.tcp.1 = 127.0.0.1:%d
                    stomp.listeners.tcp.1 = 127.0.0.1:%d
                    """.formatted(amqpPort, STOMP_PORT));
            Files.writeString(dir.resolve("enabled_plugins"), "[rabbitmq_stomp].\n");
            String node = "rampe-test-" + ProcessHandle.current().pid() + "@localhost";
            Map<String, String> env = Map.ofEntries(
                    // The Erlang cookie is written to and read from $HOME: ours, not root's.
                    Map.entry("HOME", dir.toString()),
                    Map.entry("RABBITMQ_NODENAME", node),
                    Map.entry("RABBITMQ_NODE_IP_ADDRESS", HOST),
                    Map.entry("RABBITMQ_NODE_PORT", Integer.toString(amqpPort)),
                    Map.entry("RABBITMQ_DIST_PORT", Integer.toString(distPort)),
                    // The distribution listener binds every interface unless told otherwise.
                    Map.entry("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}"),
                    Map.entry("ERL_EPMD_ADDRESS", HOST),
                    Map.entry("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString()),
                    Map.entry("RABBITMQ_LOG_BASE", dir.resolve("log").toString()),
                    Map.entry("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString()),
                    Map.entry("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString()),
                    // Not /etc/rabbitmq/rabbitmq-env.conf: the machine's settings must not leak in.
                    Map.entry("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString()));
            var builder = new ProcessBuilder(server.toString()).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("log").resolve("console.log").toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            var broker = new RabbitMqBroker(process, node, env);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "rabbitmq-stop"));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!answersStomp()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("RabbitMQ stopped while starting (exit " + process.exitValue() + "); see "
                            + dir.resolve("log"));
                }
                if (System.nanoTime() > deadline) {
                    broker.stop();
                    throw new IllegalStateException("RabbitMQ did not answer STOMP on 127.0.0.1:" + STOMP_PORT
                            + " within 90 s; see " + dir.resolve("log"));
                }
                Thread.sleep(250);
            }
            return broker;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start RabbitMQ", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops a node started here: {@code rabbitmqctl stop} (clean), then the process itself if it lingers. */
    synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            var ctl = new ProcessBuilder(BIN.resolve("rabbitmqctl").toString(), "-n", node, "stop")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            ctl.environment().putAll(env);
            Process p = ctl.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Whether a STOMP CONNECT on 127.0.0.1:61613 gets a CONNECTED frame back. */
    static boolean answersStomp() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, STOMP_PORT), 1000);
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            out.write("CONNECT\naccept-version:1.2\nhost:/\nlogin:guest\npasscode:guest\n\n\0".getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(9);
            return new String(head, StandardCharsets.UTF_8).equals("CONNECTED");
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    /** Settings that point an application instance at this broker. */
    static List<String> relayArguments() {
        return List.of("--rampe.messaging.relay.host=" + HOST, "--rampe.messaging.relay.port=" + STOMP_PORT,
                "--rampe.messaging.relay.login=guest", "--rampe.messaging.relay.passcode=guest",
                // The broker of the tests listens on 127.0.0.1 only, where RabbitMQ accepts its default
                // account; outside tests the relay refuses it (LiveProperties.Relay.refuseDefaultCredentials).
                "--rampe.messaging.relay.allow-guest=true");
    }
}
