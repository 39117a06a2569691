package com.hotgigs.migrate.connection;

import java.util.regex.Pattern;

/** Reading JDBC URLs without ever letting a password reach a message or a log. */
public final class JdbcUrl {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/:@?]+):[^@/?]*@");

    private JdbcUrl() {
    }

    /** The URL with any password replaced by ****. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String withoutParameter = PASSWORD_PARAMETER.matcher(url).replaceAll("$1****");
        return USER_INFO_PASSWORD.matcher(withoutParameter).replaceAll("$1:****@");
    }

    /** host:port/database of a jdbc:postgresql URL, for messages; the URL itself when it has another shape. */
    public static String describeTarget(String url) {
        String rest = url.startsWith("jdbc:postgresql://") ? url.substring("jdbc:postgresql://".length()) : url;
        int query = rest.indexOf('?');
        return redact(query < 0 ? rest : rest.substring(0, query));
    }

    /** The database name of a jdbc:postgresql://host/db URL, or null when the URL does not show one. */
    public static String database(String url) {
        String target = describeTarget(url);
        int slash = target.lastIndexOf('/');
        return slash < 0 || slash == target.length() - 1 ? null : target.substring(slash + 1);
    }
}
