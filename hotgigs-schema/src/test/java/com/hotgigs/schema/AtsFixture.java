package com.hotgigs.schema;

import java.sql.SQLException;

/** Inserts the rows most tests need, with unique names, and returns their ids. */
final class AtsFixture {

    private final AtsDatabase db;
    private int sequence;

    AtsFixture(AtsDatabase db) {
        this.db = db;
    }

    long user(String role) throws SQLException {
        int n = ++sequence;
        return db.insert("INSERT INTO users (email, first_name, last_name, role) VALUES (?, ?, ?, ?) RETURNING id",
                role + n + "@hotgigs.test", "First" + n, "Last" + n, role);
    }

    long company(String name) throws SQLException {
        return db.insert("INSERT INTO companies (name, industry, website) VALUES (?, 'Software', 'https://example.test') RETURNING id",
                name);
    }

    long job(long companyId, String status, Long recruiterId) throws SQLException {
        return db.insert("INSERT INTO jobs (company_id, title, status, recruiter_id, location) "
                + "VALUES (?, ?, ?, ?, 'Remote') RETURNING id", companyId, "Engineer " + (++sequence), status, recruiterId);
    }

    long candidate(String firstName, String lastName) throws SQLException {
        return db.insert("INSERT INTO candidates (first_name, last_name, email) VALUES (?, ?, ?) RETURNING id",
                firstName, lastName, firstName.toLowerCase() + "." + lastName.toLowerCase() + (++sequence) + "@example.test");
    }

    long application(long candidateId, long jobId) throws SQLException {
        return db.insert("INSERT INTO applications (candidate_id, job_id) VALUES (?, ?) RETURNING id", candidateId, jobId);
    }
}
