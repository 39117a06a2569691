package com.hotgigs.migrate.sql;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords that a script sets out of what is echoed about it (the log, the history's error
 * column): the literal after {@code PASSWORD} ({@code ALTER ROLE app PASSWORD 'x'}, {@code CREATE ROLE
 * ... ENCRYPTED PASSWORD '...'}, {@code OPTIONS (password '...')}), a {@code password=} inside a
 * connection string, and those same values wherever PostgreSQL's own message quotes them.
 */
public final class SecretText {

    public static final String MASK = "****";

    /** PASSWORD, then a '...', E'...' or dollar-quoted literal (unterminated when a message cut it short). */
    private static final Pattern PASSWORD_VALUE = Pattern.compile(
            "(?i)(\\bpassword\\s*(?:=\\s*)?)(E'(?:[^'\\\\]|\\\\.|'')*'?|'(?:[^']|'')*'?|\\$([A-Za-z_][A-Za-z0-9_]*)?\\$.*?(?:\\$\\3\\$|$))",
            Pattern.DOTALL);
    /** A role's password written as a bare word, which PostgreSQL refuses, quoting it back in its message. */
    private static final Pattern BARE_ROLE_PASSWORD = Pattern.compile(
            "(?i)(\\b(?:create|alter)\\s+(?:role|user|group)\\b[^;]*?\\bpassword\\s+)(?!null\\b)(?![Ee]')([^\\s;,)'\"$]+)", Pattern.DOTALL);
    /** password=value in a libpq connection string or a URL written in a statement. */
    private static final Pattern CONNINFO_PASSWORD = Pattern.compile("(?i)(\\w*password\\s*=\\s*)([^\\s'\"&]+)");

    private SecretText() {
    }

    /** The start of a statement, for messages: enough to recognise it, never a whole script, never a password. */
    public static String firstWords(String sql) {
        String oneLine = mask(sql).strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }

    /** The text with every password literal and connection-string password masked. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String literals = PASSWORD_VALUE.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + maskLike(match.group(2))));
        String bare = BARE_ROLE_PASSWORD.matcher(literals).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
        return CONNINFO_PASSWORD.matcher(bare).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
    }

    /**
     * {@code text} (a server message about {@code statementSql}) masked as {@link #mask(String)} does,
     * and with every password the statement sets masked where the message quotes it, e.g. a syntax
     * error "at or near" an unquoted password.
     */
    public static String mask(String text, String statementSql) {
        String masked = mask(text);
        if (masked == null || statementSql == null) {
            return masked;
        }
        for (String secret : secretsOf(statementSql)) {
            masked = masked.replace("\"" + secret + "\"", "\"" + MASK + "\"").replace("'" + secret + "'", "'" + MASK + "'");
        }
        return masked;
    }

    /** The passwords a statement sets, as PostgreSQL would quote them back: without their quotes. */
    static Set<String> secretsOf(String sql) {
        Set<String> secrets = new LinkedHashSet<>();
        Matcher literal = PASSWORD_VALUE.matcher(sql);
        while (literal.find()) {
            secrets.add(unquoted(literal.group(2)));
        }
        Matcher bare = BARE_ROLE_PASSWORD.matcher(sql);
        while (bare.find()) {
            secrets.add(bare.group(2));
        }
        Matcher conninfo = CONNINFO_PASSWORD.matcher(sql);
        while (conninfo.find()) {
            secrets.add(conninfo.group(2));
        }
        secrets.remove("");
        return secrets;
    }

    private static String maskLike(String value) {
        if (value.startsWith("E'") || value.startsWith("e'")) {
            return "E'" + MASK + "'";
        }
        if (value.startsWith("'")) {
            return "'" + MASK + "'";
        }
        return value.startsWith("$") ? "$$" + MASK + "$$" : MASK;
    }

    private static String unquoted(String value) {
        if (value.startsWith("'") || value.startsWith("E'") || value.startsWith("e'")) {
            String body = value.substring(value.indexOf('\'') + 1);
            return (body.endsWith("'") ? body.substring(0, body.length() - 1) : body).replace("''", "'");
        }
        return value;
    }
}
