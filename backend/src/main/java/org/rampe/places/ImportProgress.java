package org.rampe.places;

/**
 * Where an import stands, told to whoever watches it (the command line prints it, the
 * administrators' page shows it as a progress bar): rows read so far, and how far into the file.
 */
@FunctionalInterface
public interface ImportProgress {

    /** How often progress is told, in rows read. */
    int EVERY = 1_000;

    /** No one watches. */
    ImportProgress NONE = p -> { };

    void update(Step step);

    /**
     * @param rows       rows read so far (imported or skipped)
     * @param bytes      bytes of the file read so far
     * @param totalBytes the file's size, or -1 when it is not known (a stream)
     */
    record Step(long rows, long bytes, long totalBytes) {

        /** How much of the file is read, 0 to 100, or -1 when its size is not known. */
        public int percent() {
            return totalBytes <= 0 ? -1 : (int) Math.min(100, bytes * 100 / totalBytes);
        }
    }
}
