package com.hotgigs.migrate.maven;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.DefaultDependencyResolutionRequest;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.DependencyResolutionRequest;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.graph.Dependency;

import java.io.File;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The project's runtime dependencies, resolved only when a classpath: location is configured: a goal
 * whose migrations are all on the file system then costs no dependency resolution, which on a
 * project with many dependencies is a noticeable part of a no-op build.
 */
final class ProjectDependencies {

    /** The scopes of Maven's runtime classpath. */
    private static final Set<String> RUNTIME_SCOPES = Set.of("compile", "runtime");

    private ProjectDependencies() {
    }

    static List<File> resolve(ProjectDependenciesResolver resolver, MavenProject project, MavenSession session)
            throws MojoExecutionException {
        DependencyResolutionRequest request = new DefaultDependencyResolutionRequest(project, session.getRepositorySession())
                .setResolutionFilter((node, parents) -> node.getDependency() == null
                        || RUNTIME_SCOPES.contains(node.getDependency().getScope()));
        try {
            return resolver.resolve(request).getDependencies().stream()
                    .map(Dependency::getArtifact)
                    .map(artifact -> artifact.getFile())
                    .filter(Objects::nonNull)
                    .toList();
        } catch (DependencyResolutionException e) {
            throw new MojoExecutionException("The dependencies of " + project.getId() + " could not be resolved, and "
                    + "classpath: locations read migrations from them: " + sentence(e.getMessage()) + " Fix the dependency, or, if "
                    + "the migrations are files of this project, name their directory with filesystem: in hotgigs.locations.", e);
        }
    }

    private static String sentence(String text) {
        String stripped = text == null ? "" : text.strip();
        return stripped.endsWith(".") ? stripped : stripped + ".";
    }
}
