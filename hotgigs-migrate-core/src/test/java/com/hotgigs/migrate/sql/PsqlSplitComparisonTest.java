package com.hotgigs.migrate.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hotgigs.migrate.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;

/**
 * Proves the splitter against psql itself: psql runs each script with the server echoing every
 * statement it receives ({@code log_statement=all} sent back as LOG messages), and the statements it
 * received must be ours, in order, with the same text and on the same lines. The scripts are the
 * realistic ones under {@code src/test/resources/sql} and random ones from fixed seeds
 * ({@link RandomScript}).
 */
class PsqlSplitComparisonTest {

    private static final Pattern MESSAGE = Pattern.compile("^psql:.+:(\\d+): (LOG|NOTICE|WARNING|INFO|ERROR|FATAL):  (.*)$");
    private static final Pattern DETAIL = Pattern.compile("^(DETAIL|HINT|CONTEXT|QUERY|STATEMENT|LOCATION):  .*");
    private static final String STATEMENT_PREFIX = "statement: ";
    // pg_dump turns server messages down to warnings; for psql's copy of the script they stay at LOG.
    private static final String QUIET = "SET client_min_messages = warning;";
    private static final String VERBOSE = "SET client_min_messages = log;";

    private static Path psql;

    @TempDir
    Path work;

    @BeforeAll
    static void findPsql() throws Exception {
        psql = onPath("psql");
        assumeTrue(psql != null, "psql is not on the PATH: the comparison with psql's own splitting is skipped");
        Process version = new ProcessBuilder(psql.toString(), "--version").redirectErrorStream(true).start();
        String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        version.waitFor(30, TimeUnit.SECONDS);
        Matcher major = Pattern.compile("(\\d+)\\.").matcher(text);
        assumeTrue(major.find() && Integer.parseInt(major.group(1)) >= 14,
                "psql before 14 does not know BEGIN ATOMIC bodies: " + text.strip());
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"functions_and_blocks.sql", "lexical_edge_cases.sql", "pg_dump_with_copy.sql"})
    void statementsMatchWhatPsqlSends(String scriptName) throws Exception {
        String script = resource(scriptName);
        List<Statement> ours = SqlSplitter.split(script);
        try (TestDatabase database = TestDatabase.create()) {
            List<LoggedStatement> psqls = runPsql(database, psqlCopyOf(script));

            assertEquals(ours.size(), psqls.size(), () -> "statement count of " + scriptName
                    + "\nours: " + ours.stream().map(Statement::sql).toList()
                    + "\npsql: " + psqls.stream().map(LoggedStatement::text).toList());
            for (int i = 0; i < ours.size(); i++) {
                assertSameStatement(scriptName, ours.get(i), i + 1 < ours.size() ? ours.get(i + 1) : null, psqls.get(i));
            }
            assertCopyDataLoaded(database, ours);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void generatedScriptsSplitLikePsql(long seed) throws Exception {
        String script = RandomScript.generate(seed, 150);
        List<Statement> ours = SqlSplitter.split(script);
        try (TestDatabase database = TestDatabase.create()) {
            List<LoggedStatement> psqls = runPsql(database, script);
            String name = "generated script (seed " + seed + ")";
            assertEquals(ours.size(), psqls.size(), () -> "statement count of " + name + ":\n" + script);
            for (int i = 0; i < ours.size(); i++) {
                assertSameStatement(name, ours.get(i), i + 1 < ours.size() ? ours.get(i + 1) : null, psqls.get(i));
            }
        }
    }

    private static void assertSameStatement(String scriptName, Statement ours, Statement next, LoggedStatement psqls) {
        String expected = ours.sql().replace(QUIET.substring(0, QUIET.length() - 1), VERBOSE.substring(0, VERBOSE.length() - 1));
        String sent = psqls.text().strip();
        if (sent.endsWith(";")) {
            sent = sent.substring(0, sent.length() - 1).stripTrailing();
        }
        String where = scriptName + " line " + ours.line();
        // psql keeps block comments that precede a statement; we start at its first token.
        assertTrue(sent.endsWith(expected), where + ": psql sent\n" + sent + "\nwe split\n" + expected);
        assertTrue(sent.substring(0, sent.length() - expected.length()).isBlank()
                || sent.startsWith("/*"), where + ": psql sent\n" + sent);
        // psql names the line on which it sent the statement, that of its terminating semicolon.
        int lastLine = ours.line() + (int) ours.sql().chars().filter(c -> c == '\n').count();
        int limit = next == null ? Integer.MAX_VALUE : next.line();
        assertTrue(psqls.line() >= lastLine && psqls.line() <= limit,
                where + ": psql sent it at line " + psqls.line() + ", we end it at line " + lastLine);
    }

    /** What psql loaded from each COPY ... FROM stdin must be exactly the data we split off. */
    private static void assertCopyDataLoaded(TestDatabase database, List<Statement> statements) throws Exception {
        try (Connection connection = database.connect()) {
            for (Statement statement : statements) {
                if (statement.kind() != StatementKind.COPY_FROM_STDIN) {
                    continue;
                }
                String copyOut = statement.sql().replaceFirst("(?i)FROM\\s+stdin", "TO STDOUT");
                StringWriter loaded = new StringWriter();
                connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copyOut, loaded);
                assertEquals(statement.copyData(), loaded.toString(), statement.sql());
            }
        }
    }

    /**
     * The script as psql gets it: pg_dump's {@code \restrict} lines blanked (psql older than 15.14
     * refuses them; the unit tests prove we skip them) and its messages kept at LOG.
     */
    private static String psqlCopyOf(String script) {
        return script.replaceAll("(?m)^\\\\(un)?restrict .*$", "").replace(QUIET, VERBOSE);
    }

    private List<LoggedStatement> runPsql(TestDatabase database, String script) throws Exception {
        Path file = work.resolve("script.sql");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Path errors = work.resolve("psql.err");
        URI uri = URI.create(database.url().substring("jdbc:".length()));
        ProcessBuilder builder = new ProcessBuilder(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", uri.getHost(), "-p", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()),
                "-U", database.user() == null ? "postgres" : database.user(), "-d", database.name(),
                "-f", file.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errors.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> environment = builder.environment();
        environment.put("PGOPTIONS", "-c log_statement=all -c client_min_messages=log");
        environment.put("PGCONNECT_TIMEOUT", "10");
        if (database.password() != null) {
            environment.put("PGPASSWORD", database.password());
        }
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "psql did not finish within 120 s");
        List<String> lines = Files.readAllLines(errors, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), () -> "psql failed:\n" + String.join("\n", lines));
        return loggedStatements(lines);
    }

    /** The statements the server echoed, without psql's empty and comment-only ones, which we drop. */
    private static List<LoggedStatement> loggedStatements(List<String> lines) {
        List<LoggedStatement> statements = new ArrayList<>();
        StringBuilder text = null;
        int line = 0;
        for (String output : lines) {
            Matcher message = MESSAGE.matcher(output);
            if (message.matches() || DETAIL.matcher(output).matches()) {
                addIfCode(statements, text, line);
                text = null;
                if (message.matches() && message.group(2).equals("LOG") && message.group(3).startsWith(STATEMENT_PREFIX)) {
                    text = new StringBuilder(message.group(3).substring(STATEMENT_PREFIX.length()));
                    line = Integer.parseInt(message.group(1));
                }
            } else if (text != null) {
                text.append('\n').append(output);
            }
        }
        addIfCode(statements, text, line);
        return statements;
    }

    private static void addIfCode(List<LoggedStatement> statements, StringBuilder text, int line) {
        if (text == null) {
            return;
        }
        if (!withoutComments(text.toString()).replace(";", "").isBlank()) {
            statements.add(new LoggedStatement(text.toString(), line));
        }
    }

    /** The text without its (nested) block comments and line comments; good enough to spot comment-only text. */
    private static String withoutComments(String text) {
        StringBuilder code = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("/*", i)) {
                depth++;
                i++;
            } else if (depth > 0 && text.startsWith("*/", i)) {
                depth--;
                i++;
            } else if (depth == 0 && text.startsWith("--", i)) {
                int newline = text.indexOf('\n', i);
                i = newline < 0 ? text.length() : newline;
            } else if (depth == 0) {
                code.append(text.charAt(i));
            }
        }
        return code.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PsqlSplitComparisonTest.class.getResourceAsStream("/sql/" + name)) {
            assertTrue(in != null, "missing test resource sql/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private record LoggedStatement(String text, int line) {
    }
}
