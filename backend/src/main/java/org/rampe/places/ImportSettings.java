package org.rampe.places;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The administrators' import page ({@code rampe.imports.*}).
 *
 * @param dir           the server's import directory: the page imports files named inside it and
 *                      nothing outside; empty means {@code <rampe.data-dir>/imports}
 * @param maxUploadSize the largest file the page takes as an upload (a regional {@code .osm.pbf} is
 *                      hundreds of MB); the upload is written to {@code <dir>/.uploads} as it arrives,
 *                      never held in memory, and deleted once imported
 * @param reportsKept   how many finished imports' reports the page keeps (in this instance's memory)
 */
@ConfigurationProperties("rampe.imports")
public record ImportSettings(
        Path dir,
        @DefaultValue("2GB") DataSize maxUploadSize,
        @DefaultValue("5") int reportsKept) {
}
