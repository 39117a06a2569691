package com.hotgigs.migrate.migration;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns locations into the ordered list of local migrations, refusing badly named files and
 * duplicate versions, all of them in one message, before anything touches the database.
 */
public final class MigrationResolver {

    private final LocationScanner scanner;

    public MigrationResolver(LocationScanner scanner) {
        this.scanner = scanner;
    }

    public List<Migration> resolve(List<String> locations) {
        Map<String, ScriptResource> files = new LinkedHashMap<>();
        for (String location : locations) {
            // The same jar or directory reached twice (two locations, or a class loader listing it twice) is one file.
            scanner.scan(location).forEach(resource -> files.putIfAbsent(resource.identity(), resource));
        }
        List<String> problems = new ArrayList<>();
        List<Migration> migrations = new ArrayList<>();
        // One thread: the connection is opened beside this on another (see Snapshot), and on two
        // cores a parallel read measured no faster.
        ScriptBuffer buffer = new ScriptBuffer();
        for (ScriptResource file : files.values()) {
            FileOutcome outcome = read(file, buffer);
            if (outcome.migration() != null) {
                migrations.add(outcome.migration());
            } else {
                problems.add(outcome.problem());
            }
        }
        migrations.sort(Comparator.comparing(Migration::version));
        ErrorCode code = problems.isEmpty() ? ErrorCode.DUPLICATE_VERSION : ErrorCode.INVALID_MIGRATION_FILE;
        reportDuplicates(migrations, problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(code, problems.size() == 1
                    ? problems.get(0)
                    : "Migration files are not valid:" + System.lineSeparator() + "  - "
                            + String.join(System.lineSeparator() + "  - ", problems));
        }
        return List.copyOf(migrations);
    }

    /** A file read into a migration, or the sentence saying why it could not be. */
    private record FileOutcome(Migration migration, String problem) {
    }

    private static FileOutcome read(ScriptResource resource, ScriptBuffer buffer) {
        String name = resource.fileName();
        if (!name.endsWith(".sql")) {
            String extension = name.substring(name.length() - 4);
            return new FileOutcome(null, "Migration file " + resource.source() + " ends in " + extension + ", not .sql: "
                    + "migrations are read only with the lower-case extension. Rename it to "
                    + name.substring(0, name.length() - 4) + ".sql, or move it out of the location.");
        }
        Optional<MigrationFileName> fileName = MigrationFileName.parse(name);
        if (fileName.isEmpty()) {
            return new FileOutcome(null, "Migration file " + resource.source() + " is badly named: "
                    + MigrationFileName.expectation() + ". Rename it, or move it out of the location.");
        }
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
                return new FileOutcome(null, "Migration file " + resource.source() + " has a NUL byte at " + lineAndColumn(text.text(), nul)
                        + ", which PostgreSQL cannot take in SQL text. Remove it (a file saved as UTF-16 is full of them: save it as UTF-8).");
            }
            return new FileOutcome(new Migration(fileName.get().version(), fileName.get().name(), resource.script(),
                    resource.location(), text, checksum), null);
        } catch (CharacterCodingException e) {
            return new FileOutcome(null, "Migration file " + resource.source() + " is not valid UTF-8: save it as UTF-8.");
        } catch (IOException e) {
            return new FileOutcome(null, "Migration file " + resource.source() + " could not be read: " + e.getMessage());
        }
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
