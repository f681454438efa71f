package org.rampe.messaging;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.ConcurrentHistogram;

/**
 * Members signing in through the real form while the chat runs: {@code rate} sign-ins a second
 * (open loop: one is started every 1/rate s whatever the others do, at most {@code maxInFlight} at
 * once), each a GET of the form and a POST of the address and password, whose account has an
 * Argon2 hash, so that every sign-in runs one Argon2 check (16 MiB) in the application.
 */
final class SignInLoad {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    final ConcurrentHistogram latency = new ConcurrentHistogram(60_000_000L, 3);
    final AtomicLong signedIn = new AtomicLong();
    final AtomicLong busy = new AtomicLong();
    final AtomicLong limited = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();

    private final String base;
    private final List<String> emails;
    private final String password;
    private final double rate;
    private final int maxInFlight;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    SignInLoad(String base, List<String> emails, String password, double rate, int maxInFlight) {
        this.base = base;
        this.emails = emails;
        this.password = password;
        this.rate = rate;
        this.maxInFlight = maxInFlight;
    }

    /** Runs until {@code untilNanos} (System.nanoTime), then waits for the sign-ins in flight. */
    Thread start(long untilNanos) {
        Thread driver = new Thread(() -> {
            ExecutorService pool = Executors.newFixedThreadPool(maxInFlight);
            Semaphore inFlight = new Semaphore(maxInFlight);
            long start = System.nanoTime();
            long n = 0;
            try {
                while (System.nanoTime() < untilNanos) {
                    long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                    while (n < due) {
                        String email = emails.get((int) (n % emails.size()));
                        n++;
                        if (!inFlight.tryAcquire()) {
                            skipped.incrementAndGet(); // the client is saturated: counted, not queued
                            continue;
                        }
                        pool.execute(() -> {
                            try {
                                signIn(email);
                            } finally {
                                inFlight.release();
                            }
                        });
                    }
                    Thread.sleep(2);
                }
                pool.shutdown();
                pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                pool.shutdownNow();
            }
        }, "bench-sign-ins");
        driver.start();
        return driver;
    }

    private void signIn(String email) {
        long t = System.nanoTime();
        try {
            var form = http.send(HttpRequest.newBuilder(URI.create(base + "/signin")).timeout(Duration.ofSeconds(30))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = CSRF.matcher(form.body());
            if (!m.find()) {
                failed.incrementAndGet();
                return;
            }
            List<String> cookies = new ArrayList<>();
            for (String c : form.headers().allValues("Set-Cookie")) {
                cookies.add(c.split(";", 2)[0]);
            }
            String body = "_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8) + "&email="
                    + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
            var request = HttpRequest.newBuilder(URI.create(base + "/signin")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (!cookies.isEmpty()) {
                request.header("Cookie", String.join("; ", cookies));
            }
            var done = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = done.statusCode();
            if (status == 302 && !done.headers().firstValue("Location").orElse("").contains("error")) {
                signedIn.incrementAndGet();
            } else if (status == 503) {
                busy.incrementAndGet();
            } else if (status == 429) {
                limited.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
        } catch (Exception e) {
            failed.incrementAndGet();
        } finally {
            latency.recordValue(Math.min(60_000_000L, Math.max(1, (System.nanoTime() - t) / 1000)));
        }
    }
}
