package com.hotgigs.migrate;

import java.time.OffsetDateTime;

/**
 * The session that holds the migration lock another run waits for.
 *
 * @param since when the holding run connected (it takes the lock on that connection and migrates on it), or null when the server did not say
 */
public record LockHolder(int pid, String applicationName, String user, String clientAddress, OffsetDateTime since) {

    public String describe() {
        return "pid " + pid
                + (applicationName == null || applicationName.isEmpty() ? "" : ", application '" + applicationName + "'")
                + (user == null ? "" : ", user " + user)
                + (clientAddress == null ? "" : ", from " + clientAddress)
                + (since == null ? "" : ", since " + since);
    }
}
