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
            throw new MojoExecutionException("Could not download the PostgreSQL binaries " + binaries.coordinates()
                    + ": " + e.getMessage() + ". Check the network or your repository mirror, or choose another "
                    + "hotgigs.postgresVersion.", e);
        }
    }
}
