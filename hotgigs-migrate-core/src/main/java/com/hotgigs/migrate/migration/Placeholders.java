package com.hotgigs.migrate.migration;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.script.ScriptDirectives;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${name}} in a script with its value before the script is split, so the splitter
 * sees exactly the text that is sent: a placeholder counts wherever it is written, in strings,
 * dollar-quoted bodies and comments alike, and a value can never make the splitter and the server
 * disagree about where a statement ends. Values hold no line break, so every line number a message
 * gives is the file's. A file that needs a literal <code>${</code> (a plv8 template string, say) switches
 * replacement off with {@code -- hotgigs:placeholders off} before its first statement.
 */
public final class Placeholders {

    /** The names users give; {@code hotgigs:} is the built-ins' own prefix. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    public static final String BUILT_IN_PREFIX = "hotgigs:";
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(password|passwd|pwd|secret|token|credentials?|key)");
    private static final String FILENAME = BUILT_IN_PREFIX + "filename";
    /** Flyway's built-ins with an equivalent of ours, for the message that names an unknown one. */
    private static final Map<String, String> FLYWAY_BUILT_INS = Map.of("flyway:defaultSchema", BUILT_IN_PREFIX + "schema",
            "flyway:user", BUILT_IN_PREFIX + "user", "flyway:database", BUILT_IN_PREFIX + "database",
            "flyway:table", BUILT_IN_PREFIX + "table", "flyway:filename", BUILT_IN_PREFIX + "filename");
    /** Secrets shorter than this are hidden only where they stand alone (see {@link #hidden}). */
    private static final int WHOLE_WORD_BELOW = 6;

    private final Map<String, String> values;
    private final boolean enabled;

    private Placeholders(Map<String, String> values, boolean enabled) {
        this.values = values;
        this.enabled = enabled;
    }

    /**
     * @param configured the user's values, already checked by the configuration
     * @param enabled    false switches replacement off for every script
     */
    public static Placeholders of(Map<String, String> configured, boolean enabled, String schema, String table,
                                  String user, String database) {
        Map<String, String> values = new LinkedHashMap<>(configured);
        values.put(BUILT_IN_PREFIX + "schema", schema);
        values.put(BUILT_IN_PREFIX + "table", table);
        values.put(BUILT_IN_PREFIX + "user", user);
        values.put(BUILT_IN_PREFIX + "database", database);
        return new Placeholders(values, enabled);
    }

    /** True when the name says its value must never be shown: it ends in password, secret, token, key... */
    public static boolean isSecret(String name) {
        return SECRET.matcher(name).matches();
    }

    /**
     * The migration with its placeholders replaced. A versioned migration keeps the checksum of the
     * text as written, so a changed value does not fail validation of an applied migration; a
     * repeatable's checksum becomes that of the text as sent, so a changed value applies it again.
     *
     * @throws ConfigurationException naming the file, line and name of a placeholder with no value, or an unterminated one
     */
    public Migration applyTo(Migration migration) {
        String text = migration.sql().text();
        if (!enabled || text.indexOf("${") < 0 || ScriptDirectives.placeholdersOff(text, migration.source())) {
            return migration;
        }
        String fileName = migration.script().substring(migration.script().lastIndexOf('/') + 1);
        ScriptText sent = replace(text, migration.source(), fileName);
        return new Migration(migration.version(), migration.name(), migration.script(), migration.location(),
                sent, migration.repeatable() ? Checksum.of(sent) : migration.checksum());
    }

    /**
     * A callback's text with its placeholders replaced, unless replacement is off for every script or
     * for this one by its directive.
     */
    public ScriptText applyTo(Callback callback) {
        String text = callback.sql().text();
        if (!enabled || text.indexOf("${") < 0 || ScriptDirectives.placeholdersOff(text, callback.source())) {
            return callback.sql();
        }
        return replace(text, callback.source(), callback.fileName());
    }

    /** Replaces every placeholder of one script, keeping where each stood; {@code source} names it in messages. */
    ScriptText replace(String text, String source, String fileName) {
        StringBuilder out = new StringBuilder(text.length());
        List<int[]> edits = new ArrayList<>();
        int from = 0;
        for (int start = text.indexOf("${"); start >= 0; start = text.indexOf("${", from)) {
            int lineEnd = text.indexOf('\n', start);
            int close = text.indexOf('}', start + 2);
            if (close < 0 || (lineEnd >= 0 && close > lineEnd)) {
                throw problem(source, text, start, "'${' is not closed by '}' on its line", "close it, or, if the"
                        + " script needs a literal '${', put '-- hotgigs:placeholders off' before its first statement");
            }
            String name = text.substring(start + 2, close);
            String value = FILENAME.equals(name) ? fileName : values.get(name);
            if (value == null) {
                throw problem(source, text, start, "the placeholder '${" + name + "}' has no value",
                        hint(name));
            }
            out.append(text, from, start);
            edits.add(new int[] {out.length(), out.length() + value.length(), start, close + 1});
            out.append(value);
            from = close + 1;
        }
        String sent = out.append(text, from, text.length()).toString();
        return new ScriptText(sent, new WrittenPositions(text, sent, edits.toArray(int[][]::new)));
    }

    /**
     * The message with every secret value replaced by its placeholder, for failures that quote a
     * statement or the server's answer to it.
     */
    public String redact(String message) {
        if (message == null) {
            return null;
        }
        String redacted = message;
        // Longest first, so a secret that holds another is hidden whole.
        List<Map.Entry<String, String>> secrets = new ArrayList<>(new TreeMap<>(values).entrySet());
        secrets.removeIf(entry -> !isSecret(entry.getKey()) || entry.getValue().isEmpty());
        secrets.sort(Comparator.comparingInt((Map.Entry<String, String> entry) -> entry.getValue().length()).reversed());
        for (Map.Entry<String, String> secret : secrets) {
            redacted = hidden(redacted, secret.getValue(), "${" + secret.getKey() + "}");
        }
        return redacted;
    }

    /**
     * A secret of a few characters is hidden only where it stands alone: replaced inside every word, a token
     * of "2" would turn each "002" and "line 2" into a clue to it. A longer one is hidden wherever it is.
     */
    private static String hidden(String text, String secret, String shown) {
        if (secret.length() >= WHOLE_WORD_BELOW) {
            return text.replace(secret, shown);
        }
        Pattern standingAlone = Pattern.compile("(?<![\\p{Alnum}_])" + Pattern.quote(secret) + "(?![\\p{Alnum}_])");
        return standingAlone.matcher(text).replaceAll(Matcher.quoteReplacement(shown));
    }

    /** Whether any value would be hidden by {@link #redact}. */
    public boolean hasSecrets() {
        return values.entrySet().stream().anyMatch(e -> isSecret(e.getKey()) && !e.getValue().isEmpty());
    }

    private String hint(String name) {
        String ours = FLYWAY_BUILT_INS.get(name);
        if (ours != null) {
            return "a script written for Flyway: its built-in ${" + name + "} is ${" + ours + "} here; rename it";
        }
        if (name.startsWith("flyway:")) {
            return "a script written for Flyway: its built-in ${" + name + "} has no counterpart here (the built-ins are"
                    + " ${hotgigs:schema}, ${hotgigs:table}, ${hotgigs:user}, ${hotgigs:database} and ${hotgigs:filename});"
                    + " give the value as a placeholder of its own, e.g. <placeholders><" + name.substring("flyway:".length())
                    + ">...</...></placeholders>, and rename it in the script";
        }
        if (name.startsWith(BUILT_IN_PREFIX)) {
            return "the built-in placeholders are ${hotgigs:schema}, ${hotgigs:table}, ${hotgigs:user},"
                    + " ${hotgigs:database} and ${hotgigs:filename}";
        }
        if (!NAME.matcher(name).matches()) {
            return "a placeholder name is letters, digits, '_', '.' and '-', starting with a letter or '_';"
                    + " if the script needs a literal '${', put '-- hotgigs:placeholders off' before its first statement";
        }
        return "give it a value with <placeholders><" + name + ">...</" + name + "></placeholders> or -Dhotgigs.placeholders."
                + name + "=..., or put '-- hotgigs:placeholders off' before the script's first statement if it is not meant"
                + " as a placeholder" + (values.size() > 4 ? "; the configured ones are " + configuredNames() : "");
    }

    private String configuredNames() {
        return String.join(", ", values.keySet().stream().filter(n -> !n.startsWith(BUILT_IN_PREFIX)).sorted().toList());
    }

    private static ConfigurationException problem(String source, String text, int offset, String what, String fix) {
        int line = 1;
        int lineStart = 0;
        for (int i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
            line++;
            lineStart = i + 1;
        }
        return new ConfigurationException(ErrorCode.UNKNOWN_PLACEHOLDER, source + " line " + line + ", column "
                + (offset - lineStart + 1) + ": " + what + "; " + fix + ". Nothing was run.");
    }
}
