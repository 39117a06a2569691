import com.hotgigs.migrate.it.InvokerDatabase
import static com.hotgigs.migrate.it.InvokerLog.*

def database = context.get('database')
try {
    def builds = invocations(new File(basedir, 'build.log'))
    assert builds.size() == 1
    def log = builds[0]
    def lines = log.readLines()

    // migrate ran in pre-integration-test, before failsafe ran the tests.
    def migrate = lines.findIndexOf { it.contains('hotgigs-migrate-maven-plugin:') && it.contains(':migrate (') }
    def failsafe = lines.findIndexOf { it.contains('maven-failsafe-plugin:') && it.contains(':integration-test (') }
    assert migrate >= 0 && failsafe > migrate : log
    assertContains(log, '[INFO] Applying 001_initial_schema')
    assertContains(log, '[INFO] Applying 002_comprehensive_ats_system')
    assertLine(log, '[INFO] hotgigs: 2 applied, 0 pending, 0 failed; schema at 002')
    assert lines.any { it ==~ /\[INFO\] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0.*PipelineIT/ } : log
    assertContains(log, 'BUILD SUCCESS')

    def catalog = InvokerDatabase.catalog(database)
    assert catalog.successfulVersions() == ['001', '002']
    assert catalog.count('SELECT count(*) FROM applications') == 1
} finally {
    InvokerDatabase.drop(database)
}
return true
