package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.embedded.PostgresBinaries;
import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import java.nio.file.Path;
import java.util.List;

/** The PostgreSQL binaries jar of one version for this platform, from the local repository or the build's remotes. */
final class BinariesDownload {

    private BinariesDownload() {
    }

    static Path resolve(RepositorySystem repositories, RepositorySystemSession session, List<RemoteRepository> remotes,
                        PostgresBinaries binaries) throws MojoExecutionException {
        ArtifactRequest request = new ArtifactRequest(
                new DefaultArtifact(binaries.groupId(), binaries.artifactId(), "jar", binaries.version()), remotes, null);
        try {
            return repositories.resolveArtifact(session, request).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new MojoExecutionException(couldNotDownload("the PostgreSQL binaries " + binaries.coordinates(), e, session)
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
