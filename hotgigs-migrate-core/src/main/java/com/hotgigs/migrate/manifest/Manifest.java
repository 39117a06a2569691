package com.hotgigs.migrate.manifest;

import com.hotgigs.migrate.migration.Checksum;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.ScriptText;
import com.hotgigs.migrate.migration.Version;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code hotgigs.sum}: every migration's version, SHA-256 (as in the history's checksum) and
 * location-relative path, one line each, sorted by version, and a last line with the SHA-256 of the
 * lines above, so a hand edit or a merge of two branches' manifests is seen. LF line ends and UTF-8
 * only: the same bytes on every platform.
 */
public final class Manifest {

    public static final String FILE_NAME = "hotgigs.sum";
    private static final String CHECKSUM_PREFIX = "checksum ";

    private final List<Entry> entries;

    /** One listed migration. */
    public record Entry(String version, String checksum, String script) {
    }

    private Manifest(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Manifest of(List<Migration> migrations) {
        return new Manifest(migrations.stream().sorted(Comparator.comparing(Migration::version).thenComparing(Migration::script))
                .map(m -> new Entry(m.version().text(), m.checksum().hex(), m.script())).toList());
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The file's exact text. */
    public String render() {
        StringBuilder lines = new StringBuilder();
        for (Entry entry : entries) {
            lines.append(entry.version()).append(' ').append(entry.checksum()).append(' ').append(entry.script()).append('\n');
        }
        return lines + CHECKSUM_PREFIX + checksumOf(lines.toString()) + "\n";
    }

    private static String checksumOf(String lines) {
        return Checksum.of(ScriptText.of(lines)).hex();
    }

    /**
     * Reads a manifest; its problems (merge-conflict markers, a hand edit, a line that is not a
     * manifest's) are added to {@code problems}, and what could be read is returned.
     *
     * @param file how to name the file in messages
     */
    public static Optional<Manifest> parse(String text, String file, List<String> problems) {
        String normalized = ScriptText.of(text).text();
        List<String> lines = new ArrayList<>(List.of(normalized.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        List<Integer> conflicts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("<<<<<<<") || line.startsWith("=======") || line.startsWith(">>>>>>>") || line.startsWith("|||||||")) {
                conflicts.add(i + 1);
            }
        }
        if (!conflicts.isEmpty()) {
            problems.add(file + " has merge-conflict markers (line " + join(conflicts) + "): two branches changed the migrations. "
                    + "Do not edit it by hand: resolve the migrations themselves (two files with the same version: give one the "
                    + "next free version), then run mvn hotgigs:manifest and commit the file it writes.");
            return Optional.empty();
        }
        if (lines.isEmpty() || !lines.get(lines.size() - 1).startsWith(CHECKSUM_PREFIX)) {
            problems.add(file + " does not end with its checksum line: it was cut or written by hand. Run mvn hotgigs:manifest "
                    + "to write it again, check the difference, and commit it.");
            return Optional.empty();
        }
        String body = normalized.substring(0, normalized.lastIndexOf(CHECKSUM_PREFIX));
        String recorded = lines.get(lines.size() - 1).substring(CHECKSUM_PREFIX.length()).strip();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size() - 1; i++) {
            String[] fields = lines.get(i).split(" ", 3);
            if (fields.length != 3 || !Version.isValid(fields[0]) || !fields[1].matches("[0-9a-f]{64}")) {
                problems.add(file + " line " + (i + 1) + " is not '<version> <sha-256> <script>': it was edited by hand. Run mvn "
                        + "hotgigs:manifest to write it again, check the difference, and commit it.");
                return Optional.empty();
            }
            entries.add(new Entry(fields[0], fields[1], fields[2]));
        }
        if (!recorded.equals(checksumOf(body))) {
            // Its lines cannot be trusted either: comparing them would blame files for the manifest's own edit.
            problems.add(file + " was edited by hand: its last line is not the checksum of the lines above. Run mvn "
                    + "hotgigs:manifest to write it from the migrations, check the difference, and commit it.");
            return Optional.empty();
        }
        return Optional.of(new Manifest(entries));
    }

    /**
     * How the migrations differ from this manifest: a listed file edited or removed, a file not listed.
     *
     * @param file how to name the manifest in messages
     */
    public List<String> compare(List<Migration> migrations, String file) {
        Map<String, Migration> byScript = new LinkedHashMap<>();
        migrations.forEach(m -> byScript.put(m.script(), m));
        List<String> problems = new ArrayList<>();
        Map<String, Entry> listed = new LinkedHashMap<>();
        entries.forEach(entry -> listed.put(entry.script(), entry));
        for (Entry entry : entries) {
            Migration local = byScript.get(entry.script());
            Migration renamed = local == null ? renamedTo(entry, byScript, listed) : null;
            if (renamed != null) {
                listed.put(renamed.script(), entry);
                problems.add(entry.script() + " is listed in " + file + " but was renamed or moved to " + renamed.source()
                        + " (the same version " + entry.version() + " and content): run mvn hotgigs:manifest and commit "
                        + file + " with the rename.");
            } else if (local == null) {
                problems.add(entry.script() + " is listed in " + file + " but no longer exists: a migration that may have been "
                        + "applied somewhere was removed. Restore it; if it was never released, run mvn hotgigs:manifest.");
            } else if (!local.checksum().hex().equals(entry.checksum())) {
                problems.add(local.source() + " was edited after it was listed in " + file + " (SHA-256 " + local.checksum().hex()
                        + ", listed " + entry.checksum() + "): a database that applied it will fail validation. Revert the "
                        + "edit and put the change in a new migration; if it was never released, run mvn hotgigs:manifest.");
            } else if (!Version.parse(entry.version()).equals(local.version())) {
                problems.add(local.source() + " is listed in " + file + " with version " + entry.version()
                        + ": run mvn hotgigs:manifest.");
            }
        }
        for (Migration migration : byScript.values()) {
            if (!listed.containsKey(migration.script())) {
                problems.add(migration.source() + " is not listed in " + file + ": run mvn hotgigs:manifest and commit "
                        + file + " with the migration.");
            }
        }
        return problems;
    }

    /** The unlisted local file with the entry's version and checksum: the listed file under another name, or null. */
    private static Migration renamedTo(Entry entry, Map<String, Migration> byScript, Map<String, Entry> listed) {
        return byScript.values().stream()
                .filter(m -> !listed.containsKey(m.script()) && m.version().text().equals(entry.version())
                        && m.checksum().hex().equals(entry.checksum()))
                .findFirst().orElse(null);
    }

    private static String join(List<Integer> numbers) {
        return String.join(", ", numbers.stream().map(String::valueOf).toList());
    }
}
