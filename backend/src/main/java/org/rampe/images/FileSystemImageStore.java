package org.rampe.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;

import org.rampe.graph.GraphProperties;
import org.springframework.stereotype.Component;

/**
 * Photos as files under {@code ${rampe.data-dir}/photos/}, named {@code <uuid>.jpg}. The directory
 * and files are readable by the owner only: the web application serves them, nobody else needs to.
 */
@Component
class FileSystemImageStore implements ImageStore {

    private final Path dir;

    FileSystemImageStore(GraphProperties properties) {
        this.dir = properties.dataDir().toAbsolutePath().normalize().resolve("photos");
        try {
            if (posix()) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the photo directory " + dir + ": " + e.getMessage(), e);
        }
    }

    Path directory() {
        return dir;
    }

    @Override
    public void put(String photoId, byte[] jpeg) {
        Path target = file(photoId);
        try {
            // Written aside then moved, so a reader never sees half a file.
            Path temp = posix()
                    ? Files.createTempFile(dir, "upload-", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, "upload-", ".tmp");
            try {
                Files.write(temp, jpeg);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store photo " + photoId, e);
        }
    }

    @Override
    public Optional<byte[]> get(String photoId) {
        try {
            return Optional.of(Files.readAllBytes(file(photoId)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read photo " + photoId, e);
        }
    }

    @Override
    public void delete(String photoId) {
        try {
            Files.deleteIfExists(file(photoId));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete photo " + photoId, e);
        }
    }

    /** Only a canonical UUID becomes a file name: no path separators, dots or case games. */
    private Path file(String photoId) {
        String canonical = UUID.fromString(photoId).toString();
        if (!canonical.equals(photoId)) {
            throw new IllegalArgumentException("Not a canonical photo id: " + photoId);
        }
        return dir.resolve(canonical + ".jpg");
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
