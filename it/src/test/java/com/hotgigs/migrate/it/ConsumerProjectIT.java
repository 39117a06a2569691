package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application that depends on hotgigs-migrate-core alone runs the README's "Using the engine
 * from Java" snippet, as written there but for the address of the test's server, and migrates the
 * HotGigs schema; its dependency tree is the core and the JDBC driver, nothing of Maven.
 */
class ConsumerProjectIT {

    private static final String SECTION = "## Using the engine from Java";

    @Test
    void theReadmeSnippetMigratesWithTheCoreAndTheJdbcDriverAlone() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            SampleProject project = SampleProject.copy("consumer", "consumer")
                    .file("src/main/java/com/example/consumer/App.java", application(readmeSnippet(), db));
            copyHotgigsSchema(project);

            BuildResult build = project.build()
                    .args("compile", "dependency:tree", "-DoutputFile=target/tree.txt",
                            "dependency:build-classpath", "-Dmdep.outputFile=target/classpath.txt")
                    .run();
            assertTrue(build.succeeded(), build::describe);

            List<String> tree = Files.readAllLines(project.directory().resolve("target/tree.txt"), StandardCharsets.UTF_8);
            assertEquals(4, tree.size(), () -> "the consumer, the core, the driver and the driver's own annotations: " + tree);
            assertEquals("com.example.hotgigs:consumer:jar:1.0", tree.get(0));
            assertEquals("\\- com.hotgigs:hotgigs-migrate-core:jar:" + BuildEnvironment.pluginVersion() + ":compile", tree.get(1));
            assertTrue(tree.get(2).matches("   \\\\- org\\.postgresql:postgresql:jar:[0-9.]+:compile"), tree::toString);
            // pgjdbc's own dependency, compile-time annotations that its POM declares.
            assertTrue(tree.get(3).matches("      \\\\- org\\.checkerframework:checker-qual:jar:[0-9.]+:runtime"), tree::toString);

            Run run = runApplication(project, db.password());
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(List.of("001: initial_schema - APPLIED", "002: comprehensive_ats_system - APPLIED"), run.lines(),
                    run::toString);
            Catalog catalog = new Catalog(db.url());
            assertEquals(List.of("001", "002"), catalog.history().stream().map(HistoryRow::version).toList());
            assertTrue(catalog.tables("public").containsAll(List.of("candidates", "jobs", "applications", "schema_migrations")),
                    () -> "the HotGigs tables: " + catalog.tables("public"));
        }
    }

    /** The first java block of the README's section on the engine, verbatim. */
    private static String readmeSnippet() throws IOException {
        String readme = Files.readString(BuildEnvironment.reactorRoot().resolve("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("\n" + SECTION + "\n");
        assertTrue(section >= 0, "README.md has no section " + SECTION);
        int next = readme.indexOf("\n## ", section + 1);
        Matcher java = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL)
                .matcher(readme.substring(section, next < 0 ? readme.length() : next));
        assertTrue(java.find(), "the section " + SECTION + " of README.md has no java block");
        return java.group(1);
    }

    /** The snippet as the body of a main method, pointed at the test's database instead of localhost:5432. */
    private static String application(String snippet, TestDatabase db) {
        String readmeUrl = "\"jdbc:postgresql://localhost:5432/hotgigs_db\"";
        String readmeUser = "\"hotgigs_user\"";
        assertTrue(snippet.contains(readmeUrl) && snippet.contains(readmeUser),
                () -> "the snippet should connect to " + readmeUrl + " as " + readmeUser + ":\n" + snippet);
        String user = db.user() == null ? "null" : "\"" + db.user() + "\"";
        String body = snippet.replace(readmeUrl, "\"" + db.url() + "\"").replace(readmeUser, user);
        return """
                package com.example.consumer;

                import com.hotgigs.migrate.*;
                import java.util.List;

                public class App {
                    public static void main(String[] args) {
                %s    }
                }
                """.formatted(body.indent(8));
    }

    /** The consumer's own migrations: the HotGigs schema's files, under the README's classpath:db/hotgigs. */
    private static void copyHotgigsSchema(SampleProject project) throws IOException {
        Path schema = BuildEnvironment.reactorRoot().resolve("hotgigs-schema/src/main/resources/db/hotgigs");
        try (Stream<Path> files = Files.list(schema)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                project.file("src/main/resources/db/hotgigs/" + file.getFileName(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }

    private static Run runApplication(SampleProject project, String password) throws Exception {
        String classpath = project.directory().resolve("target/classes") + java.io.File.pathSeparator
                + Files.readString(project.directory().resolve("target/classpath.txt"), StandardCharsets.UTF_8).strip();
        Path output = project.directory().resolve("app.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "com.example.consumer.App"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.directory().toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("DB_PASSWORD");
        if (password != null) {
            builder.environment().put("DB_PASSWORD", password);
        }
        Process process = builder.start();
        if (!process.waitFor(BuildEnvironment.buildTimeout().toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the application did not finish in " + BuildEnvironment.buildTimeout() + ": "
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readAllLines(output, StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, List<String> lines) {
    }
}
