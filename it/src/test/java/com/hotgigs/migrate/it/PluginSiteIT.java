package com.hotgigs.migrate.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin's own site: {@code mvn site} in the plugin module makes, through
 * maven-plugin-report-plugin, an overview of the goals and a page per goal listing its parameters
 * with their {@code @since}. Run on a copy of the module's sources (no target/), offline, with the
 * core it depends on from the builds' repository; it compiles the module once, runs no test.
 */
class PluginSiteIT {

    private static final String MODULE = "hotgigs-migrate-maven-plugin";
    private static final Pattern GOAL = Pattern.compile("<goal>([a-z-]+)</goal>");

    @Test
    void theSiteHasAPageForEveryGoalWithItsParameters() throws IOException {
        Path copy = BuildEnvironment.workDirectory().resolve("plugin-site");
        SourceTree.copy(BuildEnvironment.reactorRoot(), copy, List.of(MODULE));
        Path module = copy.resolve(MODULE);

        BuildResult result = MavenBuild.in(module).args("-o", "site").timeout(Duration.ofMinutes(8)).run();

        assertTrue(result.succeeded(), result::describe);
        assertEquals(List.of(), result.lines().stream().filter(line -> line.startsWith("[WARNING]")).toList(), result::describe);
        List<String> goals = goals(Files.readString(module.resolve("target/classes/META-INF/maven/plugin.xml"), StandardCharsets.UTF_8));
        assertTrue(goals.containsAll(List.of("start", "migrate", "status", "validate", "report", "stop", "help")), goals::toString);
        Path site = module.resolve("target/site");
        String overview = Files.readString(site.resolve("plugin-info.html"), StandardCharsets.UTF_8);
        for (String goal : goals) {
            Path page = site.resolve(goal + "-mojo.html");
            assertTrue(Files.isRegularFile(page), "no page for goal " + goal + " in " + site);
            assertTrue(overview.contains(goal + "-mojo.html\""), "the overview links " + goal + ":\n" + overview);
        }
        String migrate = Files.readString(site.resolve("migrate-mojo.html"), StandardCharsets.UTF_8);
        for (String text : List.of("hotgigs:migrate", "lockWaitSeconds", "hotgigs.lockWaitSeconds", "serverId", "Since", "2.0.0")) {
            assertTrue(migrate.contains(text), "the migrate page names " + text + ":\n" + migrate);
        }
        String status = Files.readString(site.resolve("status-mojo.html"), StandardCharsets.UTF_8);
        assertFalse(status.contains("lockWaitSeconds"), "status takes no lock, and its page lists no lock wait:\n" + status);
    }

    private static List<String> goals(String descriptor) {
        List<String> goals = new ArrayList<>();
        Matcher goal = GOAL.matcher(descriptor);
        while (goal.find()) {
            goals.add(goal.group(1));
        }
        return goals;
    }
}
