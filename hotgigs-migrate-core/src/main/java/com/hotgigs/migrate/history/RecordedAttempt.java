package com.hotgigs.migrate.history;

import java.time.OffsetDateTime;

/** What the database wrote for an attempt: its {@code session_user} and its clock, not the client's. */
public record RecordedAttempt(String installedBy, OffsetDateTime installedOn) {
}
