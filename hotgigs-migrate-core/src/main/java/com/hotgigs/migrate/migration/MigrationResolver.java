package com.hotgigs.migrate.migration;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.script.ScriptDirectives;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns locations into the ordered list of local migrations, refusing badly named files and
 * duplicate versions, all of them in one message, before anything touches the database.
 */
public final class MigrationResolver {

    private final LocationScanner scanner;

    public MigrationResolver(LocationScanner scanner) {
        this.scanner = scanner;
    }

    /** The versioned migrations only, in version order; the files of every kind are checked all the same. */
    public List<Migration> resolve(List<String> locations) {
        return resolveAll(locations).versioned();
    }

    /**
     * Versioned migrations, repeatables and callbacks of the locations, each file checked: a badly
     * named file, a duplicate version or repeatable name, a directive that is wrong, are refused
     * together in one message, before anything touches the database.
     */
    public LocalScripts resolveAll(List<String> locations) {
        Map<String, ScriptResource> files = new LinkedHashMap<>();
        for (String location : locations) {
            // The same jar or directory reached twice (two locations, or a class loader listing it twice) is one file.
            scanner.scan(location).forEach(resource -> files.putIfAbsent(resource.identity(), resource));
        }
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Migration> migrations = new ArrayList<>();
        List<RepeatableOrder.Node> repeatables = new ArrayList<>();
        List<Callback> callbacks = new ArrayList<>();
        List<ScriptResource> badlyNamed = new ArrayList<>();
        // One thread: the connection is opened beside this on another (see Snapshot), and on two
        // cores a parallel read measured no faster.
        ScriptBuffer buffer = new ScriptBuffer();
        for (ScriptResource file : files.values()) {
            if (!file.fileName().endsWith(".sql")) {
                problems.add(wrongExtension(file));
                continue;
            }
            ScriptKind kind = ScriptKind.of(file.fileName());
            if (kind == ScriptKind.UNKNOWN_CALLBACK) {
                warnings.add(unknownCallback(file));
                continue;
            }
            if (kind == ScriptKind.BADLY_NAMED) {
                badlyNamed.add(file);
                continue;
            }
            FileOutcome outcome = read(file, kind, buffer);
            if (outcome.problem() != null) {
                problems.add(outcome.problem());
            } else if (outcome.callback() != null) {
                callbacks.add(outcome.callback());
            } else if (outcome.migration().repeatable()) {
                repeatables.add(new RepeatableOrder.Node(outcome.migration(), outcome.after()));
            } else {
                migrations.add(outcome.migration());
            }
        }
        badlyNamed.forEach(file -> problems.add(badName(file, migrations)));
        // The scan's order is the file system's: sorted, the same files are always told in the same order.
        problems.sort(null);
        migrations.sort(Comparator.comparing(Migration::version));
        int fileProblems = problems.size();
        reportDuplicates(migrations, problems);
        int beforeRepeatables = problems.size();
        reportDuplicateNames(repeatables, problems);
        List<Migration> ordered = problems.size() > beforeRepeatables ? List.of() : RepeatableOrder.order(repeatables, problems);
        // A duplicate version alone has its own code; any other problem makes the files invalid.
        ErrorCode code = fileProblems == 0 && problems.size() == beforeRepeatables
                ? ErrorCode.DUPLICATE_VERSION : ErrorCode.INVALID_MIGRATION_FILE;
        if (!problems.isEmpty()) {
            throw new ConfigurationException(code, problems.size() == 1
                    ? problems.get(0)
                    : "Migration files are not valid:" + System.lineSeparator() + "  - "
                            + String.join(System.lineSeparator() + "  - ", problems));
        }
        callbacks.sort(Comparator.comparing(Callback::fileName).thenComparing(Callback::source));
        return new LocalScripts(migrations, ordered, toldApart(callbacks), warnings);
    }

    /** Callbacks of one name in several locations all run; the log names their locations to tell which is which. */
    private static List<Callback> toldApart(List<Callback> callbacks) {
        Map<String, Long> named = callbacks.stream().collect(Collectors.groupingBy(Callback::displayName, Collectors.counting()));
        return callbacks.stream().map(callback -> named.get(callback.displayName()) > 1 ? callback.sharingName() : callback).toList();
    }

    /** A file read into a migration or callback with its directives, or the sentence saying why it could not be. */
    private record FileOutcome(Migration migration, Callback callback, ScriptDirectives.After after, String problem) {

        static FileOutcome problem(String problem) {
            return new FileOutcome(null, null, null, problem);
        }
    }

    private static FileOutcome read(ScriptResource resource, ScriptKind kind, ScriptBuffer buffer) {
        String name = resource.fileName();
        try {
            buffer.fill(resource);
            String decoded = ScriptText.decodeUtf8(buffer.bytes(), buffer.length());
            ScriptText text;
            Checksum checksum;
            if (ScriptText.isNormalized(decoded)) {
                // Valid UTF-8 decodes and encodes back to the same bytes: the bytes as read are the
                // bytes the checksum is defined over.
                text = new ScriptText(decoded);
                checksum = Checksum.ofUtf8(buffer.bytes(), buffer.length());
            } else {
                text = ScriptText.of(decoded);
                checksum = Checksum.of(text);
            }
            int nul = text.text().indexOf('\0');
            if (nul >= 0) {
                return FileOutcome.problem("Migration file " + resource.source() + " has a NUL byte at " + lineAndColumn(text.text(), nul)
                        + ", which PostgreSQL cannot take in SQL text. Remove it (a file saved as UTF-16 is full of them: save it as UTF-8).");
            }
            ScriptDirectives.After after;
            try {
                after = ScriptDirectives.after(text.text(), resource.source());
            } catch (ConfigurationException e) {
                return FileOutcome.problem(e.getMessage());
            }
            if (kind != ScriptKind.REPEATABLE && !after.names().isEmpty()) {
                return FileOutcome.problem(resource.source() + " line " + after.line() + ": '-- hotgigs:after' orders "
                        + "repeatables (R__<name>.sql) among themselves; versioned migrations run in version order and "
                        + "callbacks at their event. Remove the directive.");
            }
            return switch (kind) {
                case VERSIONED -> {
                    MigrationFileName fileName = MigrationFileName.parse(name).orElseThrow();
                    yield new FileOutcome(new Migration(fileName.version(), fileName.name(), resource.script(),
                            resource.location(), text, checksum), null, after, null);
                }
                case REPEATABLE -> new FileOutcome(Migration.repeatable(ScriptKind.repeatableName(name), resource.script(),
                        resource.location(), text, checksum), null, after, null);
                case CALLBACK -> new FileOutcome(null, ScriptKind.callback(name, resource, text), after, null);
                default -> throw new IllegalStateException("not read: " + kind);
            };
        } catch (CharacterCodingException e) {
            String where = e instanceof ScriptText.NotUtf8 notUtf8 ? " at " + notUtf8.where() : "";
            return FileOutcome.problem("Migration file " + resource.source() + " is not valid UTF-8" + where
                    + ": save it as UTF-8 (a file saved as Latin-1 or Windows-1252 holds such bytes for its accented letters).");
        } catch (IOException e) {
            return FileOutcome.problem("Migration file " + resource.source() + " could not be read: " + e.getMessage());
        }
    }

    private static String wrongExtension(ScriptResource resource) {
        String name = resource.fileName();
        String extension = name.substring(name.length() - 4);
        return "Migration file " + resource.source() + " ends in " + extension + ", not .sql: "
                + "migrations are read only with the lower-case extension. Rename it to "
                + name.substring(0, name.length() - 4) + ".sql, or move it out of the location.";
    }

    /** Which naming rule a badly named file missed, as precisely as its name lets us tell. */
    private static String badName(ScriptResource resource, List<Migration> versioned) {
        String name = resource.fileName();
        String base = name.substring(0, name.length() - 4);
        String rules = " The names read are <version>_<name>.sql for a versioned migration (e.g. 003_add_offers.sql), "
                + "R__<name>.sql for a repeatable one (e.g. R__candidate_views.sql), and a callback's event (e.g. afterMigrate.sql). "
                + "Rename it, or move it out of the location.";
        Optional<Migration> sameName = versioned.stream().filter(m -> m.name().equals(base)).findFirst();
        if (sameName.isPresent()) {
            return "Migration file " + resource.source() + " is badly named: it has the name part of versioned migration "
                    + sameName.get().displayName() + " but no version and no R__ prefix, so it is neither versioned nor "
                    + "repeatable. For a repeatable, name it R__" + base + ".sql." + rules;
        }
        if (base.regionMatches(true, 0, "R_", 0, 2) && !base.startsWith(Migration.REPEATABLE_PREFIX)) {
            return "Migration file " + resource.source() + " is badly named: a repeatable's prefix is R__ (capital R, two "
                    + "underscores), e.g. R__" + base.replaceFirst("^[Rr]_+", "") + ".sql." + rules;
        }
        if (base.startsWith(Migration.REPEATABLE_PREFIX)) {
            return "Migration file " + resource.source() + " is badly named: a repeatable needs a name after R__." + rules;
        }
        return "Migration file " + resource.source() + " is badly named: " + MigrationFileName.expectation() + "." + rules;
    }

    private static String unknownCallback(ScriptResource resource) {
        String base = resource.fileName().substring(0, resource.fileName().length() - 4);
        String event = base.contains("__") ? base.substring(0, base.indexOf("__")) : base;
        String why = CallbackEvent.isFlywayOnly(event)
                ? "'" + event + "' is a Flyway callback that hotgigs-migrate does not run"
                : "'" + event + "' is not a callback name hotgigs-migrate knows (names are case-sensitive)";
        return "Callback file " + resource.source() + " is not run: " + why + ". The callbacks are " + CallbackEvent.known()
                + ", each as <event>.sql or <event>__<description>.sql. Rename it, or move it out of the location.";
    }

    private static String lineAndColumn(String text, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
            line++;
            lineStart = i + 1;
        }
        return "line " + line + ", column " + (text.codePointCount(lineStart, index) + 1);
    }

    /** Two repeatables of one name would both claim its history rows: an error naming both files. */
    private static void reportDuplicateNames(List<RepeatableOrder.Node> repeatables, List<String> problems) {
        Map<String, Migration> byName = new LinkedHashMap<>();
        repeatables.stream().map(RepeatableOrder.Node::migration).sorted(Comparator.comparing(Migration::source))
                .forEach(repeatable -> {
                    Migration first = byName.putIfAbsent(repeatable.name(), repeatable);
                    if (first != null) {
                        problems.add("Duplicate repeatable migration " + repeatable.displayName() + ": " + first.source() + " and "
                                + repeatable.source() + " have the same name, and a repeatable is known by its name. "
                                + "Rename one of them, or remove one.");
                    }
                });
    }

    private static void reportDuplicates(List<Migration> sorted, List<String> problems) {
        for (int i = 1; i < sorted.size(); i++) {
            Migration previous = sorted.get(i - 1);
            Migration current = sorted.get(i);
            if (previous.version().equals(current.version())) {
                Migration first = previous.source().compareTo(current.source()) <= 0 ? previous : current;
                Migration second = first == previous ? current : previous;
                String versions = first.version().text().equals(second.version().text())
                        ? first.version().text() : first.version().text() + " = " + second.version().text();
                problems.add("Duplicate migration version (" + versions + "): " + first.source() + " and " + second.source()
                        + " have the same version. Give one of them the next free version.");
            }
        }
    }
}
