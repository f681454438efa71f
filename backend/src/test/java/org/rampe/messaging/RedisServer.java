package org.rampe.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.rampe.Latencies;

/**
 * The Redis that the scale-out tests share sessions and rate-limit counts through: Debian's
 * {@code redis-server}, started once per test JVM on a free port of 127.0.0.1 (its own directory
 * under {@code target/redis}, nothing saved to disk), and stopped when the test JVM ends. Without
 * the package the tests fail and say how to install it: they never skip.
 */
public final class RedisServer {

    static final String HOST = "127.0.0.1";
    static final String INSTALL = "apt-get install -y redis-server";
    private static final Path SERVER = Path.of("/usr/bin/redis-server");

    private static RedisServer running;

    private final Process process;
    final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The Redis of this run, started now if it is not yet. */
    public static synchronized RedisServer ensureRunning() {
        if (running == null || !running.process.isAlive()) {
            running = start();
        }
        return running;
    }

    /** {@code rampe.redis.url} of an application instance that shares this Redis. */
    public String url() {
        return "redis://" + HOST + ":" + port;
    }

    List<String> arguments() {
        return List.of("--rampe.redis.url=" + url());
    }

    private static RedisServer start() {
        if (!Files.isExecutable(SERVER)) {
            throw new IllegalStateException("Redis is not installed (no " + SERVER + "). The scale-out tests need it: " + INSTALL
                    + " (Debian's package)");
        }
        try {
            Path dir = Path.of("target", "redis").toAbsolutePath().normalize();
            Latencies.deleteRecursively(dir);
            Files.createDirectories(dir);
            int port = RabbitMqBroker.freePort();
            Path log = dir.resolve("redis.log");
            // Loopback only, in the foreground (a child this JVM can stop), nothing written to disk.
            Process process = new ProcessBuilder(SERVER.toString(), "--bind", HOST, "--port", Integer.toString(port),
                    "--protected-mode", "yes", "--daemonize", "no", "--save", "", "--appendonly", "no",
                    "--dir", dir.toString(), "--logfile", log.toString())
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("console.log").toFile()).start();
            process.getOutputStream().close();
            var server = new RedisServer(process, port);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "redis-stop"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!server.answersPing()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server stopped while starting (exit " + process.exitValue() + "); see " + dir);
                }
                if (System.nanoTime() > deadline) {
                    server.stop();
                    throw new IllegalStateException("redis-server did not answer on " + HOST + ":" + port + " within 30 s; see " + dir);
                }
                Thread.sleep(100);
            }
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start redis-server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM (Redis shuts down cleanly on it), then SIGKILL if it lingers. */
    synchronized void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Whether an inline PING gets +PONG back. */
    boolean answersPing() {
        return command("PING").startsWith("+PONG");
    }

    /** One inline command (words without spaces), its first line of answer; empty when Redis does not answer. */
    public String command(String inline) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 1000);
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            var line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            return line.toString().strip();
        } catch (IOException e) {
            return "";
        }
    }
}
