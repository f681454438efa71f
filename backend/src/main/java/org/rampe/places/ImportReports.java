package org.rampe.places;

import java.util.List;

/** A finished import's whole report as plain text, the file the page offers for download. */
final class ImportReports {

    private ImportReports() {
    }

    static String text(ImportJobs.Job job) {
        var out = new StringBuilder();
        out.append("Rampe import of ").append(job.fileName()).append(" (").append(job.source()).append(")\n");
        out.append("started by ").append(job.by()).append(" at ").append(job.startedAt())
                .append(", finished at ").append(job.finishedAt()).append('\n');
        if (job.error() != null) {
            out.append("Import FAILED: ").append(job.error()).append('\n');
            return out.toString();
        }
        var r = job.report();
        if (r.nothingRead()) {
            out.append("Nothing imported: ").append(r.unreadable()).append('\n');
            return out.toString();
        }
        out.append(r.read()).append(" rows read: ").append(r.created()).append(" created, ").append(r.updated())
                .append(" updated, ").append(r.skipped().size()).append(" skipped, ").append(r.warnings().size())
                .append(" values dropped\n");
        if (r.outside() > 0) {
            out.append(r.outside()).append(" rows outside the area left out\n");
        }
        if (r.maybeClosed() > 0) {
            out.append(r.maybeClosed()).append(" places no longer in the file marked \"maybe closed\"\n");
        }
        if (r.failure() != null) {
            out.append("Import FAILED: ").append(r.failure()).append(". The rows before it are in.\n");
        }
        section(out, "Skipped rows", r.skipped());
        section(out, "Values dropped", r.warnings());
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<ImportReport.RowProblem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        out.append('\n').append(title).append(" (").append(problems.size()).append("):\n");
        problems.forEach(p -> out.append("  ").append(p.position()).append(": ").append(p.reason()).append('\n'));
    }
}
