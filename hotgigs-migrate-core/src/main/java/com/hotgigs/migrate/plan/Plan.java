package com.hotgigs.migrate.plan;

/**
 * What {@code hotgigs:plan} found migrate would do.
 *
 * @param migrations how many migrations are pending
 * @param statements how many statements the plan lists
 * @param findings   how many lint findings it shows
 * @param sql        the text of plan.sql
 */
public record Plan(int migrations, int statements, int findings, String sql) {
}
