package com.hotgigs.migrate.lint;

import com.hotgigs.migrate.sql.Statement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules over one script's statements, in order, knowing what the script created so far (a
 * table made in the same file has no readers to block yet) and whether it runs in one transaction
 * (locks are then held until its commit, and an enum value it adds cannot be used in it).
 */
final class ScriptLint {

    /**
     * Functions whose value differs per row (volatile, {@code pg_proc.provolatile = 'v'}): a column added with
     * one as its default is written into every row. A stable one (now(), statement_timestamp(),
     * transaction_timestamp(), txid_current()) is evaluated once and kept in the catalog, as a constant is.
     */
    static final Set<String> VOLATILE_FUNCTIONS = Set.of("random", "gen_random_uuid", "uuid_generate_v1",
            "uuid_generate_v1mc", "uuid_generate_v4", "clock_timestamp", "timeofday", "nextval", "currval", "lastval",
            "setseed", "random_normal", "uuidv4", "uuidv7");
    /** A lock_timeout of zero, in any unit: no timeout at all. */
    private static final Pattern NO_TIMEOUT = Pattern.compile("0+(\\.0*)?\\s*(us|ms|s|min|h|d)?");
    private static final Set<String> SERIAL_TYPES = Set.of("serial", "bigserial", "smallserial", "serial2", "serial4", "serial8");

    private final SchemaFacts facts;
    private final boolean inTransaction;
    private final CreatedTables createdTables = new CreatedTables();
    private final Set<String> createdIndexes = new HashSet<>();
    /** Constraints this script added NOT VALID, by name. */
    private final Set<String> notValidHere = new HashSet<>();
    /** Values this script's ALTER TYPE ... ADD VALUE added. */
    private final Set<String> enumValuesAdded = new HashSet<>();
    private final List<Found> found = new ArrayList<>();
    private boolean setsLockTimeout;
    /** Whether a statement other than SET came: a lock_timeout set after it came too late for it. */
    private boolean statementsSeen;

    /** A rule's finding for one statement, before exemptions. */
    record Found(LintRule rule, Statement statement, String detail) {
    }

    ScriptLint(SchemaFacts facts, boolean inTransaction) {
        this.facts = facts;
        this.inTransaction = inTransaction;
    }

    void check(Statement statement, Words words) {
        if (words.size() == 0) {
            return;
        }
        if (!enumValuesAdded.isEmpty()) {
            usesNewEnumValue(statement, words);
        }
        switch (words.get(0).text()) {
            case "create" -> create(statement, words);
            case "drop" -> drop(statement, words);
            case "alter" -> alter(statement, words);
            case "vacuum" -> vacuum(statement, words);
            case "cluster" -> add(LintRule.TABLE_REWRITE_OR_LOCK, statement, "CLUSTER rewrites the table in index order");
            case "lock" -> lock(statement, words);
            case "truncate" -> truncate(statement, words);
            case "reindex" -> reindex(statement, words);
            case "update", "delete", "with" -> dataChange(statement, words);
            case "set" -> setting(words);
            default -> {
                // Other statements take no lock worth a warning.
            }
        }
        statementsSeen |= !words.get(0).text().equals("set");
    }

    CreatedTables createdTables() {
        return createdTables;
    }

    boolean setsLockTimeout() {
        return setsLockTimeout;
    }

    List<Found> found() {
        return found;
    }

    private void add(LintRule rule, Statement statement, String detail) {
        found.add(new Found(rule, statement, detail));
    }

    private boolean existing(Words.Name table) {
        return table != null && !createdTables.contains(table) && !facts.createdThisRun(table);
    }

    private void create(Statement statement, Words words) {
        int i = 1;
        while (words.is(i, "temp") || words.is(i, "temporary") || words.is(i, "unlogged") || words.is(i, "global")
                || words.is(i, "local") || words.is(i, "or") || words.is(i, "replace")) {
            i++;
        }
        if (words.is(i, "table")) {
            Words.Name name = words.nameAt(words.skip(i + 1, "if", "not", "exists"));
            if (name != null) {
                createdTables.add(name);
            }
        } else if (words.is(i, "index") || words.are(i, "unique", "index")) {
            createIndex(statement, words, words.skip(i, "unique") + 1);
        }
    }

    private void createIndex(Statement statement, Words words, int afterIndex) {
        boolean concurrently = words.is(afterIndex, "concurrently");
        int i = afterIndex + (concurrently ? 1 : 0);
        boolean ifNotExists = words.are(i, "if", "not", "exists");
        i = words.skip(i, "if", "not", "exists");
        boolean named = !words.is(i, "on");
        if (named) {
            Words.Name index = words.nameAt(i);
            if (index != null) {
                createdIndexes.add(index.name());
            }
        }
        int on = words.indexOf("on", afterIndex);
        Words.Name table = on < 0 ? null : words.nameAt(words.skip(on + 1, "only"));
        String tableName = table == null ? null : table.name();
        if (!concurrently && existing(table)) {
            add(LintRule.ADD_INDEX_NON_CONCURRENTLY, statement, "CREATE INDEX on the existing table " + tableName
                    + " without CONCURRENTLY" + heldUntilCommit());
        }
        if (concurrently && !ifNotExists) {
            // IF NOT EXISTS needs a name: CREATE INDEX CONCURRENTLY IF NOT EXISTS ON t (a) is a syntax error.
            add(LintRule.CONCURRENT_INDEX_WITHOUT_IF_NOT_EXISTS, statement, named
                    ? "CREATE INDEX CONCURRENTLY on " + tableName + " without IF NOT EXISTS"
                    : "CREATE INDEX CONCURRENTLY on " + tableName + " without a name, which IF NOT EXISTS needs: run again "
                            + "after a failure, it builds a second index beside the INVALID one under the next free name. Name "
                            + "it (CREATE INDEX CONCURRENTLY IF NOT EXISTS <name> ON " + tableName + " ...)");
        }
    }

    private void drop(Statement statement, Words words) {
        if (words.is(1, "index")) {
            if (words.is(2, "concurrently")) {
                return;
            }
            List<String> existing = names(words, words.skip(2, "if", "exists")).stream()
                    .filter(name -> !createdIndexes.contains(name)).toList();
            if (!existing.isEmpty()) {
                add(LintRule.DROP_INDEX_NON_CONCURRENTLY, statement, "DROP INDEX " + String.join(", ", existing)
                        + " without CONCURRENTLY" + heldUntilCommit());
            }
        } else if (words.is(1, "table")) {
            List<String> existing = tables(words, words.skip(2, "if", "exists")).stream().filter(this::existing)
                    .map(Words.Name::name).toList();
            if (!existing.isEmpty()) {
                add(LintRule.RENAME_OR_DROP, statement, "DROP TABLE " + String.join(", ", existing));
            }
        }
    }

    /** The comma-separated names from {@code from}, as DROP lists them. */
    private static List<String> names(Words words, int from) {
        return tables(words, from).stream().map(Words.Name::name).toList();
    }

    /** The same, with their schemas. */
    private static List<Words.Name> tables(Words words, int from) {
        List<Words.Name> names = new ArrayList<>();
        for (Words clause : words.clauses(from)) {
            Words.Name name = clause.nameAt(0);
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    private void alter(Statement statement, Words words) {
        if (words.is(1, "table")) {
            int i = words.skip(words.skip(2, "if", "exists"), "only");
            Words.Name table = words.nameAt(i);
            if (table != null) {
                int next = table.next() < words.size() && words.get(table.next()).isSymbol("*") ? table.next() + 1 : table.next();
                for (Words action : words.clauses(next)) {
                    alterTableAction(statement, table, action);
                }
            }
        } else if (words.is(1, "type") && inTransaction) {
            int add = words.indexOf("add", 2);
            if (add >= 0 && words.is(add + 1, "value")) {
                int value = words.skip(add + 2, "if", "not", "exists");
                if (value < words.size() && words.get(value).kind() == Token.Kind.STRING) {
                    enumValuesAdded.add(words.get(value).text());
                }
            }
        }
    }

    private void alterTableAction(Statement statement, Words.Name name, Words action) {
        boolean existing = existing(name);
        String table = name.name();
        if (action.is(0, "add")) {
            addToTable(statement, table, existing, action);
        } else if (action.is(0, "validate") && action.is(1, "constraint")) {
            validate(statement, table, action);
        } else if (action.is(0, "alter")) {
            alterColumn(statement, table, existing, action);
        } else if (action.is(0, "drop") && existing && !action.is(1, "constraint") && !action.is(1, "default")
                && !action.is(1, "not") && !action.is(1, "identity") && !action.is(1, "expression")) {
            Words.Name column = action.nameAt(action.skip(action.skip(1, "column"), "if", "exists"));
            add(LintRule.RENAME_OR_DROP, statement, "ALTER TABLE " + table + " DROP COLUMN " + (column == null ? "" : column.name()));
        } else if (action.is(0, "rename") && existing && !action.is(1, "constraint")) {
            add(LintRule.RENAME_OR_DROP, statement, action.is(1, "to")
                    ? "ALTER TABLE " + table + " RENAME TO " + nameOrEmpty(action, 2)
                    : "ALTER TABLE " + table + " RENAME COLUMN " + nameOrEmpty(action, action.skip(1, "column")));
        }
    }

    private static String nameOrEmpty(Words words, int index) {
        Words.Name name = words.nameAt(index);
        return name == null ? "" : name.name();
    }

    private void addToTable(Statement statement, String table, boolean existing, Words action) {
        int i = 1;
        String constraint = null;
        if (action.is(i, "constraint")) {
            Words.Name name = action.nameAt(i + 1);
            constraint = name == null ? null : name.name();
            i = name == null ? i + 1 : name.next();
        }
        boolean notValid = action.hasSequence("not", "valid");
        if (action.is(i, "foreign") || action.is(i, "check")) {
            notNullCheck(table, constraint, action, i, notValid);
            if (existing && !notValid) {
                add(LintRule.CONSTRAINT_WITHOUT_NOT_VALID, statement, "ALTER TABLE " + table + " ADD "
                        + (action.is(i, "check") ? "CHECK" : "FOREIGN KEY") + " without NOT VALID" + heldUntilCommit());
            } else if (notValid && constraint != null) {
                notValidHere.add(constraint);
            }
        } else if (action.is(i, "primary") || action.is(i, "unique")) {
            if (existing && !action.has("using", i)) {
                add(LintRule.ADD_CONSTRAINT_WITHOUT_INDEX, statement, "ALTER TABLE " + table + " ADD "
                        + (action.is(i, "primary") ? "PRIMARY KEY" : "UNIQUE") + " without USING INDEX" + heldUntilCommit());
            }
        } else if (existing && !action.is(i, "exclude")) {
            addColumn(statement, table, action, action.skip(action.skip(i, "column"), "if", "not", "exists"));
        }
    }

    /** Remembers a {@code CHECK (col IS NOT NULL)}, which lets a later SET NOT NULL skip its scan once validated. */
    private void notNullCheck(String table, String constraint, Words action, int i, boolean notValid) {
        if (!action.is(i, "check") || i + 5 > action.size() || !action.get(i + 1).isSymbol("(")
                || !action.get(i + 2).isName() || !action.are(i + 3, "is", "not", "null")) {
            return;
        }
        String column = action.get(i + 2).text();
        if (notValid) {
            if (constraint != null) {
                facts.checkAddedNotValid(constraint, table, column);
            }
        } else {
            facts.checkValidated(table, column);
        }
    }

    private void addColumn(Statement statement, String table, Words action, int columnIndex) {
        Words.Name column = action.nameAt(columnIndex);
        if (column == null) {
            return;
        }
        String reason = rewriteReason(action, column.next());
        if (reason != null) {
            add(LintRule.VOLATILE_DEFAULT, statement, "ALTER TABLE " + table + " ADD COLUMN " + column.name() + " " + reason);
        }
        inlineConstraint(statement, table, column, action);
    }

    /**
     * A column's own REFERENCES or CHECK adds the constraint with the column, under the same locks
     * as ADD FOREIGN KEY or ADD CHECK (a foreign key's SHARE ROW EXCLUSIVE on the referenced table
     * too), and validated: a CHECK scans the table, a foreign key every row when the column has a
     * default. A column constraint cannot be NOT VALID, so the column must come first.
     */
    private void inlineConstraint(Statement statement, String table, Words.Name column, Words action) {
        boolean references = action.has("references", column.next());
        if (!references && !action.has("check", column.next())) {
            return;
        }
        String kind = references ? "FOREIGN KEY" : "CHECK";
        add(LintRule.CONSTRAINT_WITHOUT_NOT_VALID, statement, "ALTER TABLE " + table + " ADD COLUMN " + column.name()
                + " with an inline " + (references ? "REFERENCES" : "CHECK") + ", a " + kind + " that cannot be NOT VALID: "
                + "add the column alone, then ADD CONSTRAINT ... " + kind + " ... NOT VALID and VALIDATE CONSTRAINT in a later "
                + "transaction" + heldUntilCommit());
    }

    /** Why adding this column writes every row, or null when PostgreSQL 11+ adds it without a rewrite. */
    private static String rewriteReason(Words action, int typeIndex) {
        if (typeIndex < action.size() && SERIAL_TYPES.contains(action.get(typeIndex).text())) {
            return "of type " + action.get(typeIndex).text() + " (a sequence default)";
        }
        if (action.hasSequence("generated", "always", "as", "identity") || action.hasSequence("generated", "by", "default")) {
            return "as an identity column";
        }
        if (action.has("stored", typeIndex) && action.has("generated", typeIndex)) {
            return "as a stored generated column";
        }
        int defaultAt = action.indexOf("default", typeIndex);
        if (defaultAt >= 0) {
            for (int i = defaultAt + 1; i + 1 < action.size(); i++) {
                Token token = action.get(i);
                if (token.kind() == Token.Kind.WORD && VOLATILE_FUNCTIONS.contains(token.text()) && action.get(i + 1).isSymbol("(")) {
                    return "with the volatile default " + token.text() + "()";
                }
            }
        }
        return null;
    }

    private void validate(Statement statement, String table, Words action) {
        Words.Name constraint = action.nameAt(2);
        if (constraint == null) {
            return;
        }
        facts.validated(constraint.name());
        if (inTransaction && notValidHere.contains(constraint.name())) {
            add(LintRule.CONSTRAINT_WITHOUT_NOT_VALID, statement, "ALTER TABLE " + table + " VALIDATE CONSTRAINT "
                    + constraint.name() + " in the same transaction that added it NOT VALID: the lock the ADD took is still held");
        }
    }

    private void alterColumn(Statement statement, String table, boolean existing, Words action) {
        Words.Name column = action.nameAt(action.skip(1, "column"));
        if (column == null || !existing) {
            return;
        }
        int i = column.next();
        if (action.are(i, "set", "not", "null")) {
            if (!facts.hasValidatedCheck(table, column.name())) {
                add(LintRule.SET_NOT_NULL, statement, "ALTER TABLE " + table + " ALTER COLUMN " + column.name()
                        + " SET NOT NULL with no validated CHECK (" + column.name() + " IS NOT NULL) in an earlier migration");
            }
        } else if (action.is(i, "type") || action.are(i, "set", "data", "type")) {
            add(LintRule.COLUMN_TYPE_REWRITE, statement, "ALTER TABLE " + table + " ALTER COLUMN " + column.name() + " TYPE");
        }
    }

    private void vacuum(Statement statement, Words words) {
        boolean full = words.is(1, "full");
        for (Token token : words.tokens()) {
            full |= token.depth() == 1 && token.isWord("full");
        }
        if (full) {
            add(LintRule.TABLE_REWRITE_OR_LOCK, statement, "VACUUM FULL rewrites the table");
        }
    }

    private void lock(Statement statement, Words words) {
        Words.Name table = words.nameAt(words.skip(words.skip(1, "table"), "only"));
        if (table == null || existing(table)) {
            add(LintRule.TABLE_REWRITE_OR_LOCK, statement, "LOCK TABLE " + (table == null ? "" : table.name()) + heldUntilCommit());
        }
    }

    private void truncate(Statement statement, Words words) {
        List<String> existing = tables(words, words.skip(words.skip(1, "table"), "only")).stream()
                .filter(name -> !name.name().equals("cascade") && !name.name().equals("restrict") && existing(name))
                .map(Words.Name::name).toList();
        if (!existing.isEmpty()) {
            add(LintRule.TABLE_REWRITE_OR_LOCK, statement, "TRUNCATE " + String.join(", ", existing));
        }
    }

    private void reindex(Statement statement, Words words) {
        boolean concurrently = words.mentions("concurrently", 1);
        if (!concurrently) {
            add(LintRule.TABLE_REWRITE_OR_LOCK, statement, "REINDEX without CONCURRENTLY");
        }
    }

    /** An UPDATE or DELETE, standing alone or in a WITH query. */
    private void dataChange(Statement statement, Words words) {
        if (words.is(0, "update")) {
            unbounded(statement, words, words.skip(1, "only"), "UPDATE");
        } else if (words.is(0, "delete")) {
            unbounded(statement, words, words.skip(words.skip(1, "from"), "only"), "DELETE");
        } else if (words.is(0, "with")) {
            withQuery(statement, words);
        }
    }

    /**
     * A data-modifying CTE changes its table as the statement would standing alone, whether or not
     * the query reads what it returns; so does an UPDATE or DELETE after the CTEs.
     */
    private void withQuery(Statement statement, Words words) {
        int i = words.skip(1, "recursive");
        for (int open = cteBody(words, i); open >= 0; open = cteBody(words, i)) {
            Words body = words.inside(open);
            dataChange(statement, body);
            i = open + body.size() + 2;
            if (i >= words.size() || !words.get(i).isSymbol(",")) {
                break;
            }
            i++;
        }
        dataChange(statement, words.from(i));
    }

    /** Where the parenthesis opens in {@code name [(columns)] AS [[NOT] MATERIALIZED] (...)}, or -1. */
    private static int cteBody(Words words, int index) {
        Words.Name name = words.nameAt(index);
        if (name == null) {
            return -1;
        }
        int i = name.next();
        if (i < words.size() && words.get(i).isSymbol("(")) {
            i += words.inside(i).size() + 2;
        }
        if (!words.is(i, "as")) {
            return -1;
        }
        i = words.skip(words.skip(i + 1, "not"), "materialized");
        return i < words.size() && words.get(i).isSymbol("(") ? i : -1;
    }

    private void unbounded(Statement statement, Words words, int tableIndex, String verb) {
        Words.Name table = words.nameAt(tableIndex);
        if (table != null && existing(table) && !words.has("where", tableIndex)) {
            add(LintRule.UNBOUNDED_DATA_CHANGE, statement, verb + " of every row of " + table.name() + " (no WHERE)");
        }
    }

    /**
     * Only a lock_timeout set before the script's first other statement bounds every wait, and only one that is
     * not 0 or DEFAULT bounds any.
     */
    private void setting(Words words) {
        int name = words.skip(words.skip(1, "local"), "session");
        if (words.is(name, "lock_timeout") && !statementsSeen) {
            int value = name + 1;
            if (value < words.size() && (words.is(value, "to") || words.get(value).isSymbol("="))) {
                value++;
            }
            setsLockTimeout = value < words.size() && !words.is(value, "default") && !NO_TIMEOUT.matcher(words.get(value).text()).matches();
        }
    }

    private void usesNewEnumValue(Statement statement, Words words) {
        if (words.is(0, "alter") && words.is(1, "type")) {
            return;
        }
        for (Token token : words.tokens()) {
            if (token.kind() == Token.Kind.STRING && enumValuesAdded.contains(token.text())) {
                add(LintRule.ENUM_VALUE_USED_SAME_TRANSACTION, statement, "uses the enum value '" + token.text()
                        + "' that this migration's transaction adds");
                return;
            }
        }
    }

    private String heldUntilCommit() {
        return inTransaction ? " (the migration runs in one transaction, so the lock is held until it commits)" : "";
    }
}
