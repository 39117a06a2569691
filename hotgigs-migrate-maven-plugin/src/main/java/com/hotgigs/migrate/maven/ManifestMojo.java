package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.Migrator;
import com.hotgigs.migrate.report.ProgressLog;
import com.hotgigs.migrate.manifest.Manifest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;

/**
 * Writes the manifest {@code hotgigs.sum}: every migration's version, SHA-256 and path, sorted by
 * version, with a checksum of its own. Commit it with the migrations; hotgigs:check then sees, without
 * a database, a migration edited, removed or added twice. Needs no database, so targets do not apply:
 * it runs once, and says so when they are named.
 *
 * @since 2.0.0
 */
@Mojo(name = "manifest", threadSafe = true)
public class ManifestMojo extends AbstractHotgigsMojo {

    /**
     * Where to write the manifest; by default {@code hotgigs.sum} beside the migrations of the first location
     * (for a {@code classpath:} location, in the project's resource directory that holds it).
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.manifestFile")
    private File manifestFile;

    @Override
    protected void run() throws MojoExecutionException {
        noteTargetsDoNotApply("manifest", targetsNamedInProperties());
        Path manifest = manifestFile != null ? manifestFile.toPath() : besideMigrations(Manifest.FILE_NAME);
        int listed = new Migrator(configuration(), new ProgressLog(buildLog())).writeManifest(manifest);
        getLog().info("hotgigs: wrote " + manifest + " listing " + listed + (listed == 1 ? " migration" : " migrations"));
    }
}
