package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.embedded.PostgresBinaries;
import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import java.nio.file.Path;

/** The PostgreSQL binaries jar of one version for this platform, from the local repository or the build's remotes. */
final class BinariesDownload {

    private BinariesDownload() {
    }

    static Path resolve(EmbeddedArtifacts from, PostgresBinaries binaries) throws MojoExecutionException {
        ArtifactRequest request = new ArtifactRequest(
                new DefaultArtifact(binaries.groupId(), binaries.artifactId(), "jar", binaries.version()), from.remotes(), null);
        try {
            return from.system().resolveArtifact(from.session(), request).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new MojoExecutionException(couldNotDownload("the PostgreSQL binaries " + binaries.coordinates(), e, from.session())
                    + " Or choose another hotgigs.postgresVersion.", e);
        }
    }

    /**
     * What failed and the fix: offline, the goal that would have fetched it beforehand; online, the
     * network or the mirror.
     */
    static String couldNotDownload(String what, Exception e, RepositorySystemSession session) {
        String cause = e.getMessage().replaceAll("\\.+$", "");
        return "Could not download " + what + ": " + cause + ". " + (session.isOffline()
                ? "Run mvn hotgigs:prefetch once while online (with the same hotgigs.postgresVersion), then build offline."
                : "Check the network or your repository mirror.");
    }
}
