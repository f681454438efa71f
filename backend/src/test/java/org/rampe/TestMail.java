package org.rampe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.rampe.mail.MailOutbox;

/**
 * The mail side of the tests: a real SMTP server (GreenMail) in the test JVM, started once for the
 * run on a free port, which the application is configured to send to ({@link RampeTest}). Tests
 * read what it received; nothing here stands in for the application's own sending.
 */
public final class TestMail {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int PORT = freePort();
    private static GreenMail server = started();

    private final MailOutbox outbox;

    public TestMail(MailOutbox outbox) {
        this.outbox = outbox;
    }

    public static int port() {
        return PORT;
    }

    /** The newest mail to {@code to}, waiting (delivering the outbox) until at least one has arrived. */
    public ReceivedMail awaitOne(String to) {
        return await(to, 1).getLast();
    }

    /** Every mail to {@code to}, oldest first, once at least {@code count} have arrived. */
    public List<ReceivedMail> await(String to, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            deliverNow();
            var mails = received(to);
            if (mails.size() >= count) {
                return mails;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " mail(s) to " + to + " within " + WAIT.toSeconds()
                        + " s, got " + mails.size() + "; all received: " + everyone() + "; still in the outbox: " + outbox.pending());
            }
            pause();
        }
    }

    /** What has arrived for {@code to} so far, oldest first, without waiting. */
    public List<ReceivedMail> received(String to) {
        List<ReceivedMail> mails = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            if (addressedTo(message, to)) {
                mails.add(ReceivedMail.of(message));
            }
        }
        return mails;
    }

    /** Delivers whatever is due in the outbox now, as the worker would on its next round. */
    public void deliverNow() {
        outbox.drain();
    }

    /**
     * Delivers everything in the outbox, waits until the server has taken it, then forgets it: for a
     * test that starts from members already made (and mailed: their verification) and reads only what
     * follows. Waiting for an empty outbox, not only draining, covers a mail the worker was sending.
     */
    public void settle() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            deliverNow();
            if (outbox.pending() == 0) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The outbox still holds " + outbox.pending() + " mail(s) after " + WAIT.toSeconds() + " s");
            }
            pause();
        }
        purge();
    }

    /** Forgets every mail received; each test starts with an empty mailbox. */
    public void purge() {
        try {
            server.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the SMTP server, as a mail server going down would (connections refused). */
    public static synchronized void stopServer() {
        server.stop();
    }

    /** Starts it again on the same port. */
    public static synchronized void startServer() {
        if (!server.isRunning()) {
            server = started();
        }
    }

    private static GreenMail started() {
        var mail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    private List<String> everyone() {
        List<String> all = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                all.add(Arrays.toString(message.getAllRecipients()) + " " + message.getSubject());
            } catch (MessagingException e) {
                all.add(e.toString());
            }
        }
        return all;
    }

    private static boolean addressedTo(MimeMessage message, String to) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients).anyMatch(a -> a.toString().equalsIgnoreCase(to));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
