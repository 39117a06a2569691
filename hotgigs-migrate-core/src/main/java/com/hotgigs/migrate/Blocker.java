package com.hotgigs.migrate;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * A session that holds a lock a migration's statement waits for, as {@code pg_stat_activity} shows it.
 *
 * @param state            e.g. {@code idle in transaction}; locks are held until the transaction ends
 * @param stateSince       when it entered that state, or null when the server did not say
 * @param transactionStart when its transaction began (it holds its locks since then at the latest), or null
 * @param query            the first line of its current or last query, shortened; null when not visible
 */
public record Blocker(int pid, String user, String applicationName, String state, OffsetDateTime stateSince,
                      OffsetDateTime transactionStart, String query) {

    public String describe() {
        StringBuilder text = new StringBuilder("pid ").append(pid);
        if (user != null) {
            text.append(", user ").append(user);
        }
        if (applicationName != null && !applicationName.isEmpty()) {
            text.append(", application '").append(applicationName).append('\'');
        }
        if (state != null) {
            text.append(", ").append(state);
            if (stateSince != null) {
                text.append(" since ").append(stateSince.truncatedTo(ChronoUnit.SECONDS));
            }
        }
        if (transactionStart != null) {
            text.append(", transaction open since ").append(transactionStart.truncatedTo(ChronoUnit.SECONDS));
        }
        if (query != null && !query.isEmpty()) {
            // Its own semicolon would run into the "; " between blockers.
            text.append(", query: ").append(query.strip().replaceAll(";+$", ""));
        }
        return text.toString();
    }
}
