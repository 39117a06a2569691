import com.hotgigs.migrate.it.InvokerDatabase
import static com.hotgigs.migrate.it.InvokerLog.*

def database = context.get('database')
def role = context.get('role')
try {
    def builds = invocations(new File(basedir, 'build.log'))
    assert builds.size() == 3
    def catalog = InvokerDatabase.catalog(database)

    def first = builds[0]
    def lines = first.readLines()
    def at = { String line -> lines.findIndexOf { it == line } }
    // The role does not exist before the run: the beforeMigrate callback makes it, before any migration.
    assert at('[INFO] Running callback beforeMigrate__app_role') >= 0 : first
    assert at('[INFO] Applying 001_initial_schema') > at('[INFO] Running callback beforeMigrate__app_role') : first
    assert at('[INFO] Applying 003_job_offers') >= 0 : first
    assert at('[INFO] Applying R__available_candidates') > at('[INFO] Applying 003_job_offers') : first
    assert at('[INFO] Running callback afterMigrate__grants') > at('[INFO] Applying R__available_candidates') : first
    assert lines.any { it ==~ /\[INFO\] Ran callback afterMigrate__grants in \d+ ms/ } : first
    assert lines.any { it ==~ /\[INFO\] Applied 4 migrations in \d+ ms/ } : first
    assertLine(first, '[INFO] hotgigs: 3 applied, 0 pending, 0 failed; schema at 003; repeatables: 1 applied, 0 pending, 0 failed')
    assertNotContains(first, 'is not run')
    assertContains(first, 'BUILD SUCCESS')

    // The role reads the new table and the repeatable's view: granted by the callback, not by a migration.
    def canRead = { String relation ->
        catalog.count("SELECT pg_catalog.has_table_privilege(?::text, ?::text, 'SELECT')::int", role, relation) == 1
    }
    assert canRead('job_offers')
    assert canRead('available_candidates')
    assert canRead('candidates')

    def second = builds[1]
    assertNotContains(second, 'Applying ')
    assertContains(second, '[INFO] Running callback afterMigrate__grants')
    assertLine(second, '[INFO] hotgigs: 3 applied, 0 pending, 0 failed; schema at 003; repeatables: 1 applied, 0 pending, 0 failed')
    assertContains(second, 'BUILD SUCCESS')

    def third = builds[2]
    assert third.readLines().any { it ==~ /\[INFO\] repeatable\s+available_candidates\s+APPLIED\s+.*/ } : third
    assertNotContains(third, 'Running callback')
    assertContains(third, 'BUILD SUCCESS')

    def history = catalog.history()
    assert history*.version == ['001', '002', '003', null] : history
    assert history*.name == ['initial_schema', 'comprehensive_ats_system', 'job_offers', 'available_candidates'] : history
    assert history.every { it.success() }
    assert catalog.advisoryLocks() == 0

    // What the role can do, as the role: its session reads the new table.
    catalog.connect().withCloseable { connection ->
        connection.createStatement().withCloseable { statement ->
            statement.execute("SET ROLE ${role}")
            statement.executeQuery('SELECT count(*) FROM job_offers').withCloseable { rows ->
                assert rows.next() && rows.getLong(1) == 0
            }
        }
    }
} finally {
    InvokerDatabase.drop(database)
    InvokerDatabase.catalog('postgres').execute("DROP ROLE IF EXISTS ${role}")
}
return true
