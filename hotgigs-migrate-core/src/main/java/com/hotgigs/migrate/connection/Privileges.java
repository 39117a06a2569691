package com.hotgigs.migrate.connection;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GRANT (or owner change) that fixes a permission failure (SQLSTATE 42501), read from the object
 * PostgreSQL names: "permission denied for schema app", "must be owner of table offers".
 */
final class Privileges {

    private static final Pattern DENIED = Pattern.compile(
            "permission denied for (schema|database|table|relation|view|materialized view|foreign table|sequence"
                    + "|function|procedure|routine|type|domain|language|tablespace|large object|foreign-data wrapper"
                    + "|foreign server) (.+)");
    private static final Pattern NOT_OWNER = Pattern.compile("must be owner of (\\w+(?: \\w+)?) (.+)");

    private Privileges() {
    }

    static String fix(SQLException e, DatabaseFailure.Situation situation) {
        String role = role(situation);
        String message = DatabaseFailure.serverMessage(e);
        Matcher denied = DENIED.matcher(message == null ? "" : message.strip());
        if (denied.matches()) {
            String type = denied.group(1);
            String object = denied.group(2);
            return "Role " + role + " lacks a privilege on " + type + " " + object + ". Grant it, as the owner of "
                    + object + " or a superuser: " + grant(type, object, role, situation) + ";" + note(type, situation);
        }
        Matcher owner = NOT_OWNER.matcher(message == null ? "" : message.strip());
        if (owner.matches()) {
            String type = owner.group(1);
            String object = owner.group(2);
            return "Only the owner of " + type + " " + object + " (or a member of the owning role) may do this. Run the "
                    + "migration as that owner, or make " + role + " the owner: ALTER " + alterKeyword(type) + " " + object
                    + " OWNER TO " + role + ";";
        }
        return "Role " + role + " lacks a privilege this needs. Grant it (the README lists what each goal needs), "
                + "or run as a role that has it.";
    }

    private static String grant(String type, String object, String role, DatabaseFailure.Situation situation) {
        if (situation.onlyReading() && List.of("schema", "table", "relation", "view", "materialized view", "foreign table")
                .contains(type)) {
            return type.equals("schema") ? "GRANT USAGE ON SCHEMA " + object + " TO " + role
                    : "GRANT SELECT ON TABLE " + object + " TO " + role;
        }
        return switch (type) {
            case "schema" -> "GRANT USAGE, CREATE ON SCHEMA " + object + " TO " + role;
            case "database" -> situation.connecting()
                    ? "GRANT CONNECT ON DATABASE " + object + " TO " + role
                    : "GRANT CREATE ON DATABASE " + object + " TO " + role;
            case "table", "relation", "view", "materialized view", "foreign table" ->
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE " + object + " TO " + role;
            case "sequence" -> "GRANT USAGE, SELECT, UPDATE ON SEQUENCE " + object + " TO " + role;
            case "function", "procedure", "routine" -> "GRANT EXECUTE ON " + type.toUpperCase(Locale.ROOT) + " " + object + " TO " + role;
            case "type", "domain", "language" -> "GRANT USAGE ON " + type.toUpperCase(Locale.ROOT) + " " + object + " TO " + role;
            case "tablespace" -> "GRANT CREATE ON TABLESPACE " + object + " TO " + role;
            case "foreign-data wrapper" -> "GRANT USAGE ON FOREIGN DATA WRAPPER " + object + " TO " + role;
            case "foreign server" -> "GRANT USAGE ON FOREIGN SERVER " + object + " TO " + role;
            default -> "GRANT SELECT, UPDATE ON LARGE OBJECT " + object + " TO " + role;
        };
    }

    private static String note(String type, DatabaseFailure.Situation situation) {
        if (type.equals("database") && !situation.connecting()) {
            return " CREATE on the database is needed only to create a schema: a schema created beforehand "
                    + "(CREATE SCHEMA <schema> AUTHORIZATION <role>) needs none.";
        }
        if (situation.onlyReading()) {
            return " Reading is all this needs; migrate, baseline and repair also write the history (see the README's privileges).";
        }
        return List.of("table", "relation", "view", "materialized view", "foreign table").contains(type)
                ? " Grant only the privileges the statement needs." : "";
    }

    private static String alterKeyword(String type) {
        return switch (type) {
            case "relation" -> "TABLE";
            default -> type.toUpperCase(Locale.ROOT);
        };
    }

    /** The role the failing work ran as: the server's answer when it can be asked, else the user the driver logged in as. */
    private static String role(DatabaseFailure.Situation situation) {
        List<String> row = ServerProbe.firstRow(situation.probe(), "SELECT current_user");
        if (!row.isEmpty()) {
            return row.get(0);
        }
        String loginUser = JdbcUrl.loginUser(situation.url(), situation.user());
        return loginUser != null ? loginUser : "<the migration's role>";
    }
}
