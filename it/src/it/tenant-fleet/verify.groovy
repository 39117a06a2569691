import com.hotgigs.migrate.it.InvokerDatabase
import groovy.json.JsonSlurper
import com.hotgigs.migrate.it.JUnitXmlReport
import java.util.zip.CRC32
import static com.hotgigs.migrate.it.InvokerLog.*

def database = context.get('database')
try {
    def builds = invocations(new File(basedir, 'build.log'))
    assert builds.size() == 4
    def tenants = (1..50).collect { String.format('tenant_%03d', it) }
    def healthy = tenants - 'tenant_013'

    // 1: 50 targets, one progress line each, the broken one named with its file and line; the build fails at the end.
    assert builds[0].readLines().any { it ==~ /\[INFO\] 50 targets from jdbc:postgresql:\/\/\S+\/${database}\S*( as \S+)?, history table schema_migrations in each, 4 at once/ } : builds[0]
    healthy.each { tenant ->
        assert builds[0].readLines().any { it ==~ /\[INFO\] ${tenant}: applied 2 in \d+ ms, at 002 \(\d+\/50\)/ } : tenant
    }
    assert builds[0].readLines().any { it ==~ /\[WARNING\] tenant_013: FAILED after \d+ ms: Migration 002_comprehensive_ats_system failed at classpath:db\/hotgigs\/002_comprehensive_ats_system.sql line 15, column 1: ERROR: relation "bulk_import_jobs" already exists \(SQLSTATE 42P07\) \(\d+\/50\)/ } : builds[0]
    assert builds[0].readLines().any { it ==~ /\[INFO\] tenant_013 +FAILED +1 +0 +0 +1 +001 +\d+ ms/ } : builds[0]
    assert builds[0].readLines().any { it ==~ /\[INFO\] hotgigs: 50 targets, 49 done, 1 failed, 0 not started; 98 migrations applied in \d+ ms/ } : builds[0]
    assertContains(builds[0], 'BUILD FAILURE')
    assertContains(builds[0], '1 of 50 targets failed; the others are done:')
    assertContains(builds[0], '  - tenant_013: Migration 002_comprehensive_ats_system failed at classpath:db/hotgigs/002_comprehensive_ats_system.sql line 15')
    assertNoStackTrace(builds[0])

    // 1 and 2: one JUnit report per tenant, its suite named for it; tenant_013's names 002's file, line and the server's message.
    def reports = new File(basedir, 'target/hotgigs-reports')
    assert tenants.every { new File(reports, "TEST-hotgigs.migrate.${it}.xml").isFile() } : reports.list()
    assert !new File(reports, 'TEST-hotgigs.migrate.xml').exists()
    def broken = JUnitXmlReport.read(new File(reports, 'TEST-hotgigs.migrate.tenant_013.xml').toPath())
    assert broken.suite().getAttribute('name') == 'hotgigs.migrate.tenant_013'
    assert broken.cases()*.name() == ['001_initial_schema', '002_comprehensive_ats_system'] : broken.cases()
    def failed = broken.testCase('002_comprehensive_ats_system')
    assert [failed.outcome(), failed.type(), failed.file(), failed.line()] == ['failure', 'SQLSTATE 42P07',
            'classpath:db/hotgigs/002_comprehensive_ats_system.sql', '15'] : failed
    assert failed.message().contains('relation "bulk_import_jobs" already exists') : failed
    def good = JUnitXmlReport.read(new File(reports, 'TEST-hotgigs.migrate.tenant_001.xml').toPath())
    assert good.suite().getAttribute('name') == 'hotgigs.migrate.tenant_001'
    assert [good.count('tests'), good.count('failures')] == [2, 0]

    // 2: a re-run does only what is pending: nothing for the 49, a retry for tenant_013.
    healthy.each { tenant ->
        assert builds[1].readLines().any { it ==~ /\[INFO\] ${tenant}: applied 0 in \d+ ms, at 002 \(\d+\/50\)/ } : tenant
    }
    assert builds[1].readLines().any { it ==~ /\[INFO\] hotgigs: 50 targets, 49 done, 1 failed, 0 not started; 0 migrations applied in \d+ ms/ } : builds[1]
    assertContains(builds[1], '  - tenant_013: Migration 002_comprehensive_ats_system failed')

    // 3: the 49 validate.
    assertContains(builds[2], 'BUILD SUCCESS')
    assert builds[2].readLines().any { it ==~ /\[INFO\] hotgigs: 49 targets, 49 done, 0 failed, 0 not started; 0 migrations applied in \d+ ms/ } : builds[2]
    healthy.each { tenant -> assert builds[2].contains("[INFO] ${tenant}: valid, at 002, 0 pending, 0 failed") : tenant }

    // 4: shard 2/3 is the tenants whose name's CRC-32 is 1 modulo 3, and its JSON report lists them.
    def crc = { String name -> def c = new CRC32(); c.update(name.getBytes('UTF-8')); c.value }
    def share = tenants.findAll { crc(it) % 3 == 1 }
    assertContains(builds[3], 'BUILD SUCCESS')
    assertContains(builds[3], "[INFO] ${share.size()} targets, shard 2/3 of 50 from ")
    def report = new JsonSlurper().parse(new File(basedir, 'target/shard-2.json'))
    assert report.formatVersion == 1
    assert report.goal == 'status'
    assert report.targets*.target == share
    assert report.targets.every { it.kind == 'SCHEMA' && it.state == 'OK' }
    assert report.targets.every { it.currentVersion == (it.target == 'tenant_013' ? '001' : '002') && it.pending == 0 }

    // Each tenant has its own history and its own HotGigs tables; the inactive one and public were left alone.
    def catalog = InvokerDatabase.catalog(database)
    healthy.each { tenant ->
        assert catalog.count("SELECT count(*) FROM ${tenant}.schema_migrations WHERE success") == 2 : tenant
        assert catalog.hasTable(tenant, 'candidates') : tenant
    }
    assert catalog.count("SELECT count(*) FROM tenant_013.schema_migrations WHERE success") == 1
    assert catalog.count("SELECT count(*) FROM tenant_013.schema_migrations WHERE NOT success") == 2
    assert catalog.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'tenant_999'") == 0
    assert !catalog.hasTable('public', 'schema_migrations')
    assert !catalog.hasTable('public', 'candidates')
    assert catalog.advisoryLocks() == 0
} finally {
    InvokerDatabase.drop(database)
}
return true
