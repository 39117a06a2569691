package com.hotgigs.migrate.sql;

import java.util.Locale;
import java.util.Set;

/**
 * Decides a statement's {@link StatementKind} from its leading keywords. Non-transactional are the
 * statements PostgreSQL refuses inside a transaction block: CREATE/DROP INDEX CONCURRENTLY, REINDEX
 * ... CONCURRENTLY, REINDEX SCHEMA|DATABASE|SYSTEM, VACUUM, CLUSTER of all tables, DISCARD ALL,
 * CREATE/DROP DATABASE, ALTER DATABASE ... SET TABLESPACE, CREATE/DROP TABLESPACE, ALTER SYSTEM,
 * CREATE/DROP SUBSCRIPTION, ALTER SUBSCRIPTION ... REFRESH PUBLICATION and ALTER TABLE ... DETACH
 * PARTITION ... CONCURRENTLY. The scanner feeds it the
 * unquoted words of one statement outside strings, comments and function bodies, so a keyword inside a
 * body or a literal never counts. Only the first few words are kept: every rule needs fewer.
 */
final class StatementClassifier {
    private static final int MAX_WORDS = 32;
    private static final Set<String> NON_TRANSACTIONAL_OBJECTS = Set.of("database", "tablespace", "subscription");

    private final String[] topWords = new String[MAX_WORDS];
    private int topCount;
    private boolean concurrentlyInOptions;

    void reset() {
        topCount = 0;
        concurrentlyInOptions = false;
    }

    /** A word at parenthesis depth 0 (a keyword or plain identifier) or 1 (an option list). */
    void word(String script, int start, int end, int depth) {
        if (depth == 0) {
            if (topCount < MAX_WORDS) {
                topWords[topCount++] = script.substring(start, end).toLowerCase(Locale.ROOT);
            }
        } else if (depth == 1 && script.regionMatches(true, start, "concurrently", 0, end - start)
                && end - start == "concurrently".length()) {
            concurrentlyInOptions = true; // REINDEX (CONCURRENTLY) TABLE t, PostgreSQL 14+
        }
    }

    int wordCount() {
        return topCount;
    }

    boolean isWord(int index, String keyword) {
        return index < topCount && topWords[index].equals(keyword);
    }

    StatementKind classify() {
        if (topCount == 0) {
            return StatementKind.TRANSACTIONAL;
        }
        return switch (topWords[0]) {
            case "create" -> create();
            case "drop" -> drop();
            case "reindex" -> reindex();
            case "vacuum" -> StatementKind.NON_TRANSACTIONAL;
            case "cluster" -> cluster();
            case "discard" -> isWord(1, "all") ? StatementKind.NON_TRANSACTIONAL : StatementKind.TRANSACTIONAL;
            case "alter" -> alter();
            case "begin", "commit", "end", "abort" -> StatementKind.TRANSACTION_CONTROL;
            case "start", "prepare" -> isWord(1, "transaction")
                    ? StatementKind.TRANSACTION_CONTROL : StatementKind.TRANSACTIONAL;
            case "rollback" -> rollback();
            case "copy" -> copy();
            default -> StatementKind.TRANSACTIONAL;
        };
    }

    private StatementKind create() {
        int index = isWord(1, "unique") ? 2 : 1;
        if (isWord(index, "index") && isWord(index + 1, "concurrently")) {
            return StatementKind.NON_TRANSACTIONAL;
        }
        return nonTransactionalObject();
    }

    private StatementKind drop() {
        if (isWord(1, "index") && isWord(2, "concurrently")) {
            return StatementKind.NON_TRANSACTIONAL;
        }
        return nonTransactionalObject();
    }

    private StatementKind nonTransactionalObject() {
        return topCount > 1 && NON_TRANSACTIONAL_OBJECTS.contains(topWords[1])
                ? StatementKind.NON_TRANSACTIONAL : StatementKind.TRANSACTIONAL;
    }

    private StatementKind reindex() {
        boolean wholeDatabase = isWord(1, "database") || isWord(1, "system") || isWord(1, "schema");
        boolean concurrently = concurrentlyInOptions || isWord(2, "concurrently");
        return wholeDatabase || concurrently ? StatementKind.NON_TRANSACTIONAL : StatementKind.TRANSACTIONAL;
    }

    private StatementKind alter() {
        if (isWord(1, "system")) {
            return StatementKind.NON_TRANSACTIONAL;
        }
        if (isWord(1, "database") && indexOfPair("set", "tablespace", 3) >= 0
                || isWord(1, "subscription") && indexOfPair("refresh", "publication", 3) >= 0) {
            return StatementKind.NON_TRANSACTIONAL;
        }
        if (isWord(1, "type") && indexOfPair("add", "value", 2) >= 0) {
            return StatementKind.ALTER_TYPE_ADD_VALUE;
        }
        if (isWord(1, "table")) {
            int detach = indexOfPair("detach", "partition", 2);
            if (detach >= 0 && indexOf("concurrently", detach + 2) >= 0) {
                return StatementKind.NON_TRANSACTIONAL;
            }
        }
        return StatementKind.TRANSACTIONAL;
    }

    /** CLUSTER without a table reclusters every table, one transaction each. */
    private StatementKind cluster() {
        boolean allTables = topCount == 1 || topCount == 2 && isWord(1, "verbose");
        return allTables ? StatementKind.NON_TRANSACTIONAL : StatementKind.TRANSACTIONAL;
    }

    private StatementKind rollback() {
        // ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name stays inside the transaction.
        int next = isWord(1, "work") || isWord(1, "transaction") ? 2 : 1;
        return isWord(next, "to") ? StatementKind.TRANSACTIONAL : StatementKind.TRANSACTION_CONTROL;
    }

    private StatementKind copy() {
        int from = indexOf("from", 1);
        return from >= 0 && isWord(from + 1, "stdin") ? StatementKind.COPY_FROM_STDIN : StatementKind.TRANSACTIONAL;
    }

    private int indexOf(String keyword, int fromIndex) {
        for (int i = fromIndex; i < topCount; i++) {
            if (topWords[i].equals(keyword)) {
                return i;
            }
        }
        return -1;
    }

    private int indexOfPair(String first, String second, int fromIndex) {
        for (int i = fromIndex; i + 1 < topCount; i++) {
            if (topWords[i].equals(first) && topWords[i + 1].equals(second)) {
                return i;
            }
        }
        return -1;
    }
}
