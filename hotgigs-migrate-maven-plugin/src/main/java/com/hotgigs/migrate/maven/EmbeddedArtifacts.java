package com.hotgigs.migrate.maven;

import org.apache.maven.execution.MavenSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

import java.util.List;

/**
 * Where the embedded PostgreSQL's library and binaries are resolved from: the plugin repositories
 * of the build's project (with their mirrors), through the build's repository session, so that an
 * offline build or a mirror applies to them as to the plugin itself. Read from the build only when
 * something is resolved: most runs of the goals that may compare never do.
 */
record EmbeddedArtifacts(RepositorySystem system, MavenSession build) {

    RepositorySystemSession session() {
        return build.getRepositorySession();
    }

    List<RemoteRepository> remotes() {
        return build.getCurrentProject().getRemotePluginRepositories();
    }
}
