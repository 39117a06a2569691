import com.hotgigs.migrate.it.InvokerDatabase
import groovy.json.JsonSlurper
import static com.hotgigs.migrate.it.InvokerLog.*

def database = context.get('database')
try {
    def builds = invocations(new File(basedir, 'build.log'))
    assert builds.size() == 3
    // On every Maven of the matrix, with verbose plugin validation: not a warning.
    assertNoWarnings(new File(basedir, 'build.log'))

    def first = builds[0]
    assertContains(first, '[INFO] Applying 001_initial_schema')
    assertContains(first, '[INFO] Applying 002_comprehensive_ats_system')
    assert first.readLines().any { it ==~ /\[INFO\] Applied 001_initial_schema in \d+ ms/ }
    assert first.readLines().any { it ==~ /\[INFO\] Applied 002_comprehensive_ats_system in \d+ ms/ }
    assert first.readLines().any { it ==~ /\[INFO\] Applied 2 migrations in \d+ ms/ }
    assertLine(first, '[INFO] hotgigs: 2 applied, 0 pending, 0 failed; schema at 002')
    assertContains(first, 'BUILD SUCCESS')

    def second = builds[1]
    assert second.readLines().any { it ==~ /\[INFO\] Schema is up to date, nothing to apply \(checked 2 migrations in \d+ ms\)/ } : second
    assertNotContains(second, 'Applying ')
    assertLine(second, '[INFO] hotgigs: 2 applied, 0 pending, 0 failed; schema at 002')
    assertContains(second, 'BUILD SUCCESS')

    def third = builds[2]
    def lines = third.readLines()
    assert lines.any { it ==~ /\[INFO\] 001\s+initial_schema\s+APPLIED\s+.*/ } : third
    assert lines.any { it ==~ /\[INFO\] 002\s+comprehensive_ats_system\s+APPLIED\s+.*/ } : third
    assert lines.any { it ==~ /\[INFO\] Checked 2 migrations in \d+ ms/ } : third
    assertLine(third, '[INFO] hotgigs: 2 applied, 0 pending, 0 failed; schema at 002')
    assertContains(third, 'BUILD SUCCESS')

    def statusFile = new File(basedir, 'target/hotgigs-status.json')
    assertLine(third, "[INFO] Wrote the status to ${statusFile}")
    def status = new JsonSlurper().parse(statusFile)
    assert status.migrations*.version == ['001', '002'] : status
    assert status.migrations*.name == ['initial_schema', 'comprehensive_ats_system'] : status
    assert status.migrations*.state == ['APPLIED', 'APPLIED'] : status
    assert status.migrations.every { it.checksum ==~ /[0-9a-f]{64}/ && it.installedBy == 'postgres' && it.installedOn && it.executionTimeMs >= 0 } : status

    def catalog = InvokerDatabase.catalog(database)
    def tables = catalog.tables('public')
    ['candidates', 'jobs', 'applications', 'interviews', 'notifications', 'audit_log', 'schema_migrations'].each {
        assert tables.contains(it) : "table ${it} missing; tables: ${tables}"
    }
    def views = catalog.views('public')
    ['candidate_full_profile', 'application_details'].each {
        assert views.contains(it) : "view ${it} missing; views: ${views}"
    }
    def history = catalog.history()
    assert history.size() == 2 : history
    assert history*.version == ['001', '002']
    assert history*.name == ['initial_schema', 'comprehensive_ats_system']
    assert history.every { it.success() && it.error() == null && it.checksum() ==~ /[0-9a-f]{64}/ }
    assert catalog.advisoryLocks() == 0
} finally {
    InvokerDatabase.drop(database)
}
return true
