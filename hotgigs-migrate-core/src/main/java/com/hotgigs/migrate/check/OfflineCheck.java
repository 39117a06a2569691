package com.hotgigs.migrate.check;

import com.hotgigs.migrate.CheckReport;
import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.MigrationException;
import com.hotgigs.migrate.MigrationListener;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.execution.PreparedCallback;
import com.hotgigs.migrate.execution.PreparedMigration;
import com.hotgigs.migrate.lint.LintReport;
import com.hotgigs.migrate.lint.LintRun;
import com.hotgigs.migrate.manifest.Manifest;
import com.hotgigs.migrate.migration.Callback;
import com.hotgigs.migrate.migration.LocalScripts;
import com.hotgigs.migrate.migration.LocationScanner;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.MigrationResolver;
import com.hotgigs.migrate.migration.Placeholders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything that can be known of the migrations without a database: file names, duplicate versions,
 * the splitter's errors, mixed scripts, placeholders without values, lint, and the manifest. Reads
 * files only; no connection is opened.
 */
public final class OfflineCheck {

    /**
     * The server version lint and the splitter assume without a database: 12, the oldest on which
     * {@code ALTER TYPE ... ADD VALUE} runs in a transaction, as on every supported server.
     */
    public static final int ASSUMED_SERVER_MAJOR = 12;

    private final MigratorConfig config;
    private final MigrationListener listener;

    /** @param listener told what the locations hold that is not run (a callback name with a typo, say) */
    public OfflineCheck(MigratorConfig config, MigrationListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** The local versioned migrations, in version order: what the manifest lists. */
    public List<Migration> migrations() {
        return scripts().versioned();
    }

    private LocalScripts scripts() {
        LocalScripts scripts = new MigrationResolver(new LocationScanner(config.classLoader(), config.baseDirectory()))
                .resolveAll(config.locations());
        scripts.warnings().forEach(listener::warning);
        return scripts;
    }

    /** Lints every local migration, versioned and repeatable, as migrate would run it; callbacks are prepared and checked. */
    public LintReport lint() {
        List<MigrationException> failures = new ArrayList<>();
        LintReport report = lint(scripts(), failures);
        if (!failures.isEmpty()) {
            Placeholders placeholders = placeholders();
            List<String> problems = failures.stream().map(failure -> placeholders.redact(failure.getMessage())).toList();
            throw new ConfigurationException(failures.get(0).code(), problems.size() == 1 ? problems.get(0)
                    : "Migrations cannot be linted:" + System.lineSeparator() + "  - " + String.join(System.lineSeparator() + "  - ", problems));
        }
        return report;
    }

    /** @param manifest the manifest file; a missing one is a problem */
    public CheckReport check(Path manifest) {
        List<String> problems = new ArrayList<>();
        LocalScripts scripts;
        try {
            scripts = scripts();
        } catch (MigrationException e) {
            // Two branches that each added the same version meet here first: the fix names the manifest too.
            String message = e.getMessage().replace("Give one of them the next free version.", "Give one of them the next free "
                    + "version (two branches each added one: rename either) and run mvn hotgigs:manifest.");
            problems.addAll(listed(message));
            scripts = null;
        }
        List<Migration> migrations = scripts == null ? null : scripts.versioned();
        List<MigrationException> failures = new ArrayList<>();
        LintReport lint = scripts == null ? new LintReport(0, List.of(), List.of()) : lint(scripts, failures);
        failures.forEach(failure -> problems.add(placeholders().redact(failure.getMessage())));
        problems.addAll(lint.problems());
        if (config.lint().failOnLint()) {
            lint.findings().forEach(finding -> problems.add(finding.message()));
        }
        manifestProblems(manifest, migrations, problems);
        return new CheckReport(scripts == null ? CheckReport.UNKNOWN : scripts.versioned().size() + scripts.repeatables().size(),
                problems, lint);
    }

    /** The items of a message that lists several problems under a heading, each a problem of the check's own list. */
    private static List<String> listed(String message) {
        String bullet = System.lineSeparator() + "  - ";
        int first = message.indexOf(bullet);
        if (first < 0) {
            return List.of(message);
        }
        return List.of(message.substring(first + bullet.length()).split(java.util.regex.Pattern.quote(bullet)));
    }

    /** Writes the manifest of the local migrations; returns it. */
    public Manifest writeManifest(Path file) throws IOException {
        Manifest manifest = Manifest.of(migrations());
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        Files.writeString(file, manifest.render(), StandardCharsets.UTF_8);
        return manifest;
    }

    /**
     * Lints what prepares, versioned migrations then repeatables as migrate runs them; callbacks are prepared
     * (split, checked) but not linted. What does not prepare (a syntax error, a placeholder without value) is
     * added to {@code failures}.
     */
    private LintReport lint(LocalScripts scripts, List<MigrationException> failures) {
        Placeholders placeholders = placeholders();
        Function<Migration, PreparedMigration> prepare = migration -> PreparedMigration.prepare(placeholders.applyTo(migration),
                ASSUMED_SERVER_MAJOR, true, config.transactionMode());
        List<PreparedMigration> prepared = new ArrayList<>();
        List<Migration> all = new ArrayList<>(scripts.versioned());
        all.addAll(scripts.repeatables());
        for (Migration migration : all) {
            try {
                PreparedMigration script = prepare.apply(migration);
                script.emptyWarning().ifPresent(listener::warning);
                prepared.add(script);
            } catch (MigrationException e) {
                failures.add(e);
            }
        }
        for (Callback callback : scripts.callbacks()) {
            try {
                PreparedCallback.prepare(callback, placeholders, ASSUMED_SERVER_MAJOR, true);
            } catch (MigrationException e) {
                failures.add(e);
            }
        }
        // The statements quoted are the text as sent: a secret value in one is shown as its ${name}, in the log and lint.json.
        return LintRun.of(scripts.versioned(), prepared, prepare, true, config.lockTimeout(), config.lint(), false,
                placeholders::redact);
    }

    /** The built-in placeholders as far as the configuration tells them: the user and database of the URL. */
    private Placeholders placeholders() {
        String user = config.user() == null ? "" : config.user();
        return Placeholders.of(config.placeholders(), config.placeholderReplacement(), config.schema(), config.table(), user,
                databaseOf(config.url()));
    }

    private static String databaseOf(String url) {
        String rest = url.substring("jdbc:postgresql:".length());
        int query = rest.indexOf('?');
        String path = query < 0 ? rest : rest.substring(0, query);
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void manifestProblems(Path manifest, List<Migration> migrations, List<String> problems) {
        String name = manifest.toString();
        String text;
        try {
            text = Files.readString(manifest, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add("The manifest " + name + " does not exist. Run mvn hotgigs:manifest and commit the file it writes, "
                    + "so that a migration edited or removed, or one added twice on two branches, is seen without a database.");
            return;
        } catch (IOException e) {
            problems.add("The manifest " + name + " could not be read: " + e.getMessage());
            return;
        }
        Optional<Manifest> parsed = Manifest.parse(text, name, problems);
        if (parsed.isPresent() && migrations != null) {
            problems.addAll(parsed.get().compare(migrations, name));
        }
    }
}
