package org.rampe.members;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import jakarta.annotation.PreDestroy;
import org.rampe.graph.GraphProperties;
import org.rampe.mail.Mail;
import org.rampe.mail.Mailer;
import org.rampe.site.RateLimit;
import org.rampe.site.RateLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * A member's archive (GDPR articles 15 and 20), from asking to downloading. Asking creates an
 * {@code :Archive} in preparation; a small pool of its own (never the request's thread, at most two
 * archives at once) has every feature write its part ({@link MemberData#export}) into a ZIP on disk,
 * {@code <data directory>/archives/<id>.zip}, counting the parts done for the page; the README goes
 * first. A part that fails fails the archive (logged, nothing kept). Ready, the member is told
 * ({@link ArchiveReady}, a mail to a verified address) and may download it for 7 days, after which
 * the purge deletes it, file and node.
 */
@Service
class MemberArchives {

    private static final Logger log = LoggerFactory.getLogger(MemberArchives.class);

    /** An archive is a heavy read: a few a day is plenty for a person, and bounds what one account costs. */
    static final RateLimit DAILY = new RateLimit("archive-member", 3, Duration.ofDays(1));
    /** How long a ready archive can be downloaded. */
    static final Duration KEPT = Duration.ofDays(7);
    private static final String README = "README.txt";

    /** One archive as the page shows it. */
    record Status(String id, String status, Instant requestedAt, int partsDone, int partsTotal, Instant readyAt,
                  Instant expiresAt, long bytes) {

        boolean preparing() {
            return "preparing".equals(status);
        }

        boolean ready() {
            return "ready".equals(status);
        }

        boolean failed() {
            return "failed".equals(status);
        }
    }

    /** What asking gave: a new archive in preparation, or the one already in preparation. */
    sealed interface Asked {
        record Started(Status archive) implements Asked {
        }

        record AlreadyPreparing() implements Asked {
        }
    }

    private final ArchiveRepository repository;
    private final List<MemberData> parts;
    private final ArchiveReadme readme;
    private final RateLimits limits;
    private final ApplicationEventPublisher events;
    private final Members members;
    private final Mailer mailer;
    private final Path dir;
    private final ThreadPoolExecutor jobs;

    MemberArchives(ArchiveRepository repository, List<MemberData> parts, ArchiveReadme readme, RateLimits limits,
                   ApplicationEventPublisher events, Members members, Mailer mailer, GraphProperties properties) {
        this.repository = repository;
        this.parts = parts;
        this.readme = readme;
        this.limits = limits;
        this.events = events;
        this.members = members;
        this.mailer = mailer;
        this.dir = properties.dataDir().toAbsolutePath().normalize().resolve("archives");
        createDirectory(dir);
        var threads = new AtomicInteger();
        // Two archives at once at most, a bounded queue behind them: more than that waiting is refused (and marked failed).
        this.jobs = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(100), r -> {
            Thread t = new Thread(r, "rampe-archive-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        jobs.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        jobs.shutdownNow();
    }

    /**
     * Asks for a new archive: refused while one is in preparation; otherwise takes one of the day's
     * limit (429 when used up) and starts the job.
     */
    Asked ask(MemberId member) {
        if (repository.of(member).stream().anyMatch(Status::preparing)) {
            return new Asked.AlreadyPreparing();
        }
        limits.take(DAILY, "member:" + member.value());
        var created = repository.create(member, UUID.randomUUID().toString(), parts.size() + 1);
        if (created.isEmpty()) {
            return new Asked.AlreadyPreparing();
        }
        Status archive = created.get();
        try {
            jobs.execute(() -> prepare(member, archive.id(), archive.requestedAt()));
        } catch (RejectedExecutionException e) {
            log.warn("Archive {} refused: too many archives waiting", archive.id());
            repository.failed(archive.id());
        }
        return new Asked.Started(archive);
    }

    /** The member's archives, newest first, the expired ones left out (the purge deletes them soon). */
    List<Status> of(MemberId member) {
        Instant now = Instant.now();
        return repository.of(member).stream().filter(a -> !a.ready() || a.expiresAt().isAfter(now)).toList();
    }

    /** The file of one of the member's ready archives, still within its days; empty for anyone else's. */
    Optional<Download> download(MemberId member, String id) {
        return repository.find(member, id)
                .filter(Status::ready)
                .filter(a -> a.expiresAt().isAfter(Instant.now()))
                .map(a -> new Download(a, file(a.id())))
                .filter(d -> Files.isRegularFile(d.file()));
    }

    record Download(Status archive, Path file) {
    }

    Path file(String id) {
        return dir.resolve(id + ".zip");
    }

    /** The job: every part into a ZIP aside, then README first and the parts into the archive, moved in place when complete. */
    void prepare(MemberId member, String id, Instant madeAt) {
        Path parts = dir.resolve(id + ".parts.tmp");
        Path assembled = dir.resolve(id + ".zip.tmp");
        Path target = file(id);
        try {
            List<String> files = new ArrayList<>();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(parts));
                 var zip = new ZipArchive(out, member, madeAt)) {
                var recording = new Recording(zip, files::add);
                int done = 0;
                for (MemberData part : this.parts) {
                    part.export(recording);
                    repository.partDone(id, ++done);
                }
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(assembled));
                 var zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
                 var in = new ZipInputStream(Files.newInputStream(parts), StandardCharsets.UTF_8)) {
                put(zip, README, madeAt);
                zip.write(readme.assemble(madeAt, files).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    put(zip, entry.getName(), madeAt);
                    in.transferTo(zip);
                    zip.closeEntry();
                }
            }
            Files.move(assembled, target, StandardCopyOption.ATOMIC_MOVE);
            Instant readyAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant expiresAt = readyAt.plus(KEPT);
            if (!repository.ready(id, readyAt, expiresAt, Files.size(target))) {
                // The member or the archive went meanwhile (the account was erased): nothing to keep.
                Files.deleteIfExists(target);
                return;
            }
            events.publishEvent(new ArchiveReady(member.value(), id, expiresAt));
            mailReady(member, expiresAt);
        } catch (RuntimeException | IOException e) {
            log.error("Archive {} failed", id, e);
            repository.failed(id);
            deleteQuietly(target);
        } finally {
            deleteQuietly(parts);
            deleteQuietly(assembled);
        }
    }

    /** The mail saying it is ready, only to a verified address; a mail that cannot be queued does not undo the archive. */
    private void mailReady(MemberId member, Instant expiresAt) {
        try {
            members.mailRecipient(member).ifPresent(to -> mailer.send(Mail.to(to.email(), to.locale(), "archive-ready")
                    .with("handle", to.handle())
                    .with("link", mailer.link(ArchiveController.PAGE))
                    .with("days", KEPT.toDays())
                    .with("expiresAt", DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", to.locale())
                            .format(expiresAt.atZone(ArchiveController.SHOWN_IN)))));
        } catch (RuntimeException e) {
            log.warn("The archive-ready mail to member {} could not be queued", member.value(), e);
        }
    }

    /**
     * Deletes every archive of the member, files and nodes (for their erasure: an archive holds
     * everything about them). A job still running finds its archive gone and keeps nothing.
     */
    void deleteAll(MemberId member) {
        for (Status archive : repository.of(member)) {
            deleteQuietly(file(archive.id()));
            repository.delete(archive.id());
        }
    }

    /** At start: archives left in preparation by a stopped instance have no job any more. */
    @EventListener(ApplicationReadyEvent.class)
    void failInterrupted() {
        for (String id : repository.markInterruptedFailed()) {
            log.warn("Archive {} was being prepared when the application stopped: marked failed", id);
            deleteQuietly(file(id));
        }
        try (var leftovers = Files.newDirectoryStream(dir, "*.tmp")) {
            leftovers.forEach(MemberArchives::deleteQuietly);
        } catch (IOException e) {
            log.warn("Cannot clean {}", dir, e);
        }
    }

    /** Every hour: archives whose days are over (file and node), and failed ones a week old. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void purge() {
        Instant now = Instant.now();
        List<String> batch;
        do {
            batch = repository.expired(now, now.minus(KEPT), 100);
            for (String id : batch) {
                deleteQuietly(file(id));
                repository.delete(id);
            }
        } while (batch.size() == 100);
    }

    private static void put(ZipOutputStream zip, String name, Instant madeAt) throws IOException {
        var entry = new ZipEntry(name);
        entry.setTime(madeAt.toEpochMilli());
        zip.putNextEntry(entry);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}", file, e);
        }
    }

    private static void createDirectory(Path dir) {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the archive directory " + dir, e);
        }
    }

    /** The archive as the features write it, noting the name of each file for the README. */
    private record Recording(ZipArchive zip, Consumer<String> written) implements MemberArchive {

        @Override
        public MemberId member() {
            return zip.member();
        }

        @Override
        public Instant madeAt() {
            return zip.madeAt();
        }

        @Override
        public void json(String file, Consumer<JsonObject> body) {
            zip.json(file, body);
            written.accept(file);
        }

        @Override
        public void image(String name, byte[] jpeg, String altText) {
            zip.image(name, jpeg, altText);
            written.accept("images/" + name + ".jpg");
            written.accept("images/" + name + ".txt");
        }
    }
}
