package com.hotgigs.migrate.script;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.TransactionMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transaction mode a script declares, in our words or in another tool's as that tool writes them:
 * {@code -- hotgigs:transaction none|per-migration} before the first statement; goose's
 * {@code -- +goose NO TRANSACTION} (any case, at the start of its own line, anywhere in the file);
 * sqlx's {@code -- no-transaction} at the very start of the file (sqlx's own prefix test); dbmate's
 * {@code -- migrate:up transaction:false};
 * Atlas's {@code -- atlas:txmode none} before the first statement. An unknown {@code hotgigs:} word, a
 * malformed value, or two directives that disagree is an error: a typo must never change how a script runs.
 * A repeatable's {@code -- hotgigs:after R__name ...} is read by {@link #after}, at the files' resolution.
 *
 * @param transactionMode the declared mode, or null when the script declares none
 * @param declaredBy      the directive that declared it and its line, for messages; null with no mode
 */
public record ScriptDirectives(TransactionMode transactionMode, String declaredBy) {

    /** One name of an after line and the separators after it: "R__base views" or R__base_views. */
    private static final Pattern AFTER_NAME = Pattern.compile("(?:\"([^\"]+)\"|([^\\s,\"]+))[\\s,]*");
    /** The words of our namespace; any other {@code hotgigs:} word is an error. */
    static final Set<String> KNOWN_WORDS = Set.of("transaction", "placeholders", "lint-ignore", "after");

    private static final Pattern OURS = Pattern.compile("^\\s*--\\s*hotgigs:(\\S*)(.*)$");
    private static final Pattern OURS_IN_ANY_CASE = Pattern.compile("^\\s*--\\s*hotgigs:\\S+", Pattern.CASE_INSENSITIVE);
    private static final Pattern GOOSE = Pattern.compile("^--\\s\\+goose\\s+(.*?)\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DBMATE_UP = Pattern.compile("^--\\s*migrate:up(\\s.*)?$");
    private static final Pattern ATLAS = Pattern.compile("^\\s*--\\s*atlas:(\\S+)(.*)$");
    private static final String SQLX = "-- no-transaction";

    private record Declaration(TransactionMode mode, String directive, int line) {
        String describe() {
            return "'" + directive + "' (line " + line + ")";
        }
    }

    /**
     * @param text   the script as it runs (placeholders replaced, line ends normalized)
     * @param source where the script is, for messages
     */
    public static ScriptDirectives read(String text, String source) {
        List<Declaration> found = new ArrayList<>();
        ScriptHeader scriptHeader = ScriptHeader.of(text);
        int firstStatementLine = scriptHeader.statementLine();
        int number = 1;
        // Line by line without splitting: only comment lines become strings, so a huge script costs no copy.
        for (int start = 0; start <= text.length(); number++) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            int first = start;
            while (first < end && Character.isWhitespace(text.charAt(first))) {
                first++;
            }
            boolean header = scriptHeader.holds(number);
            boolean comment = text.startsWith("--", first) && !scriptHeader.inBlockComment(number);
            if (comment) {
                String line = text.substring(start, end);
                ours(line, number, header, firstStatementLine, source, found);
                goose(line, number, found);
                dbmate(line, number, source, found);
                if (header) {
                    atlas(line, number, source, found);
                }
                // sqlx's own test: the file's text starts with it.
                if (number == 1 && line.startsWith(SQLX)) {
                    found.add(new Declaration(TransactionMode.NONE, line.strip(), number));
                }
            }
            start = end + 1;
        }
        return agreed(found, source);
    }

    private static void ours(String line, int number, boolean header, int firstStatementLine, String source,
                             List<Declaration> found) {
        refuseCapitals(line, number, source);
        Matcher ours = OURS.matcher(line);
        if (!ours.matches()) {
            return;
        }
        String word = ours.group(1).toLowerCase(Locale.ROOT);
        if (!KNOWN_WORDS.contains(word)) {
            throw directiveError(source, number, "'" + line.strip() + "' is not a directive: hotgigs:" + ours.group(1)
                    + " is unknown. The directives are " + String.join(", ", KNOWN_WORDS.stream().sorted()
                            .map(w -> "hotgigs:" + w).toList()) + "; fix the spelling, or write the comment without 'hotgigs:'.");
        }
        if (word.equals("lint-ignore")) {
            return;
        }
        if (!header) {
            throw belowFirstStatement(line, number, firstStatementLine, source);
        }
        if (word.equals("after")) {
            return;
        }
        if (word.equals("placeholders")) {
            placeholdersOff(line, number, source);
            return;
        }
        String value = ours.group(2).strip();
        TransactionMode mode = TransactionMode.ofSetting(value);
        if (mode == null || value.isEmpty()) {
            throw directiveError(source, number, "'" + line.strip() + "' names no transaction mode: write "
                    + "'-- hotgigs:transaction none' (each statement on its own, outside a transaction) or "
                    + "'-- hotgigs:transaction per-migration' (one transaction with the history row, the default).");
        }
        found.add(new Declaration(mode, line.strip(), number));
    }

    /**
     * What a repeatable says it runs after: {@code -- hotgigs:after R__base_views} (several names, separated
     * by spaces or commas, on one or more such lines; a name with a space in double quotes) before its first statement.
     *
     * @param line the first such line, for messages; 0 when there is none
     */
    public record After(List<String> names, int line) {

        public After {
            names = List.copyOf(names);
        }
    }

    /**
     * The {@code -- hotgigs:after} lines of a script's header; cheap for a script without any.
     *
     * @throws ConfigurationException a line that names nothing, or one after the first statement
     */
    public static After after(String text, String source) {
        if (!text.contains("hotgigs:after")) {
            return new After(List.of(), 0);
        }
        List<String> names = new ArrayList<>();
        int first = 0;
        String[] lines = text.split("\n", -1);
        ScriptHeader scriptHeader = ScriptHeader.of(text);
        for (int i = 0; i < lines.length; i++) {
            String stripped = lines[i].strip();
            boolean header = scriptHeader.holds(i + 1);
            if (scriptHeader.inBlockComment(i + 1)) {
                continue;
            }
            Matcher ours = OURS.matcher(lines[i]);
            if (!ours.matches() || !ours.group(1).toLowerCase(Locale.ROOT).equals("after")) {
                continue;
            }
            if (!header) {
                throw belowFirstStatement(stripped, i + 1, scriptHeader.statementLine(), source);
            }
            // A comment after the names ("-- hotgigs:after R__base -- the view it reads") is no name.
            String value = ours.group(2).replaceFirst("\\s--.*$", "").strip();
            if (value.isEmpty()) {
                throw directiveError(source, i + 1, "'" + stripped + "' names no repeatable: write the ones this one runs "
                        + "after, e.g. '-- hotgigs:after R__base_views'.");
            }
            names.addAll(afterNames(value, stripped, source, i + 1));
            first = first == 0 ? i + 1 : first;
        }
        return new After(names, first);
    }

    /** The names of one after line: separated by spaces or commas, in double quotes when a name holds a space. */
    private static List<String> afterNames(String value, String line, String source, int number) {
        List<String> names = new ArrayList<>();
        Matcher name = AFTER_NAME.matcher(value);
        int at = value.length() - value.replaceFirst("^[\\s,]+", "").length();
        while (at < value.length()) {
            if (!name.find(at) || name.start() != at) {
                throw directiveError(source, number, "'" + line + "' has a '\"' that is not closed: a name with a space is "
                        + "written in double quotes, e.g. '-- hotgigs:after \"R__base views\"'.");
            }
            names.add(name.group(1) != null ? name.group(1) : name.group(2));
            at = name.end();
        }
        return names;
    }

    /**
     * Whether the script switches placeholder replacement off with {@code -- hotgigs:placeholders off} before its
     * first statement. Read from the text as written, before anything is replaced.
     *
     * @throws ConfigurationException the directive has another value, or comes after the first statement
     */
    public static boolean placeholdersOff(String text, String source) {
        if (!text.contains("hotgigs:placeholders")) {
            return false;
        }
        ScriptHeader scriptHeader = ScriptHeader.of(text);
        String[] lines = text.split("\n", -1);
        boolean off = false;
        for (int i = 0; i < lines.length; i++) {
            Matcher ours = OURS.matcher(lines[i]);
            if (scriptHeader.inBlockComment(i + 1) || !ours.matches() || !ours.group(1).equals("placeholders")) {
                continue;
            }
            if (!scriptHeader.holds(i + 1)) {
                throw belowFirstStatement(lines[i], i + 1, scriptHeader.statementLine(), source);
            }
            off |= placeholdersOff(lines[i], i + 1, source);
        }
        return off;
    }

    private static boolean placeholdersOff(String line, int number, String source) {
        Matcher ours = OURS.matcher(line);
        if (ours.matches() && ours.group(2).strip().equals("off")) {
            return true;
        }
        throw directiveError(source, number, "'" + line.strip() + "' has no setting this directive takes: write "
                + "'-- hotgigs:placeholders off' to send the script's ${...} as written.");
    }

    /** A directive in capitals would be read by nothing: it is refused, never passed over as a plain comment. */
    private static void refuseCapitals(String line, int number, String source) {
        Matcher anyCase = OURS_IN_ANY_CASE.matcher(line);
        if (anyCase.lookingAt()) {
            String written = anyCase.group().strip();
            String lower = written.toLowerCase(Locale.ROOT);
            if (!written.equals(lower)) {
                throw directiveError(source, number, "'" + line.strip() + "' is written in capitals, and directives are read in "
                        + "lower case only: write '" + lower + "'.");
            }
        }
    }

    private static void goose(String line, int number, List<Declaration> found) {
        Matcher goose = GOOSE.matcher(line);
        if (goose.matches() && goose.group(1).replaceAll("\\s+", " ").equalsIgnoreCase("no transaction")) {
            found.add(new Declaration(TransactionMode.NONE, line.strip(), number));
        }
    }

    private static void dbmate(String line, int number, String source, List<Declaration> found) {
        Matcher up = DBMATE_UP.matcher(line.stripTrailing());
        if (!up.matches() || up.group(1) == null) {
            return;
        }
        for (String option : up.group(1).strip().split("\\s+")) {
            switch (option) {
                case "transaction:false" -> found.add(new Declaration(TransactionMode.NONE, line.strip(), number));
                case "transaction:true" -> found.add(new Declaration(TransactionMode.PER_MIGRATION, line.strip(), number));
                default -> throw directiveError(source, number, "'" + line.strip() + "' has the option '" + option
                        + "', which dbmate does not define: write transaction:false or transaction:true.");
            }
        }
    }

    private static void atlas(String line, int number, String source, List<Declaration> found) {
        Matcher atlas = ATLAS.matcher(line);
        if (!atlas.matches()) {
            return;
        }
        String value = atlas.group(2).strip();
        switch (atlas.group(1)) {
            case "txmode" -> {
                TransactionMode mode = switch (value) {
                    case "none" -> TransactionMode.NONE;
                    // Atlas's "all" wraps a whole run in one transaction; per file is the nearest this engine does.
                    case "file", "all" -> TransactionMode.PER_MIGRATION;
                    default -> throw directiveError(source, number, "'" + line.strip() + "' names no Atlas transaction "
                            + "mode: write none, file or all.");
                };
                found.add(new Declaration(mode, line.strip(), number));
            }
            case "delimiter" -> throw directiveError(source, number, "'" + line.strip() + "' changes how Atlas splits "
                    + "statements, which this engine does not do: it splits as psql does. Remove the directive and end "
                    + "each statement with a semicolon (dollar-quote function bodies).");
            default -> {
                // Other Atlas directives (nolint, sum checks) do not change how statements run.
            }
        }
    }

    private static ScriptDirectives agreed(List<Declaration> found, String source) {
        if (found.isEmpty()) {
            return new ScriptDirectives(null, null);
        }
        Declaration first = found.get(0);
        for (Declaration other : found) {
            if (other.mode() != first.mode()) {
                throw directiveError(source, other.line(), "the directives " + first.describe() + " and " + other.describe()
                        + " disagree: the first asks for transaction mode " + first.mode().word() + ", the second for "
                        + other.mode().word() + ". Keep the one that is meant and remove the other.");
            }
        }
        return new ScriptDirectives(first.mode(), first.describe());
    }

    /** A directive of the header written below the script's first statement, where it would not apply. */
    private static ConfigurationException belowFirstStatement(String line, int number, int statementLine, String source) {
        return directiveError(source, number, "'" + line.strip() + "' comes after the script's first statement (line "
                + statementLine + "), where it would not apply. Move it above the first statement.");
    }

    private static ConfigurationException directiveError(String source, int line, String message) {
        return new ConfigurationException(ErrorCode.SCRIPT_DIRECTIVE, source + " line " + line + ": " + message
                + " Nothing was run.");
    }
}
