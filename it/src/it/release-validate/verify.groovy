import com.hotgigs.migrate.it.InvokerDatabase
import com.hotgigs.migrate.it.JUnitXmlReport
import java.security.MessageDigest
import static com.hotgigs.migrate.it.InvokerLog.*

def sha256 = { String path -> MessageDigest.getInstance('SHA-256').digest(new File(basedir, path).bytes).encodeHex().toString() }
def database = context.get('database')
try {
    def builds = invocations(new File(basedir, 'build.log'))
    assert builds.size() == 8

    // 1-2: migrate, then validate passes on the intact database.
    assertLine(builds[0], '[INFO] hotgigs: 3 applied, 0 pending, 0 failed; schema at 003')
    assertContains(builds[1], 'BUILD SUCCESS')
    assertLine(builds[1], '[INFO] hotgigs: 3 applied, 0 pending, 0 failed; schema at 003; validation passed')

    // 3: the edited script is named with the checksum recorded and the checksum of the file now.
    def applied = sha256('db/release/003_add_referrals.sql')
    def edited = sha256('db/edited/003_add_referrals.sql')
    assert applied != edited
    assertContains(builds[2], 'BUILD FAILURE')
    assertLine(builds[2], '[INFO] hotgigs: 3 applied, 0 pending, 0 failed; schema at 003; 1 checksum mismatch, 0 missing; validation failed with 1 problem')
    assertContains(builds[2], '003_add_referrals')
    assertContains(builds[2], applied)
    assertContains(builds[2], edited)

    // 4: the applied migration missing locally is named.
    assertContains(builds[3], 'BUILD FAILURE')
    assertLine(builds[3], '[INFO] hotgigs: 3 applied, 0 pending, 0 failed; schema at 003; 0 checksum mismatches, 1 missing; validation failed with 1 problem')
    assert builds[3].readLines().any { it =~ /003_add_referrals/ && it =~ /no local migration has version 003/ } : builds[3]

    // 5-6: pending fails only with failOnPending.
    assertContains(builds[4], 'BUILD FAILURE')
    assertLine(builds[4], '[INFO] hotgigs: 3 applied, 1 pending, 0 failed; schema at 003; validation failed with 1 problem')
    assert builds[4].readLines().any { it =~ /004_referral_notes/ && it =~ /(?i)pending/ } : builds[4]
    assertContains(builds[5], 'BUILD SUCCESS')
    assertLine(builds[5], '[INFO] hotgigs: 3 applied, 1 pending, 0 failed; schema at 003; validation passed')

    // 7: the failed attempt names the script, the line and PostgreSQL's message.
    assertContains(builds[6], 'BUILD FAILURE')
    assertLine(builds[6], '[INFO] hotgigs: 3 applied, 0 pending, 1 failed; schema at 003')
    assertContains(builds[6], '004_referral_notes')
    assertContains(builds[6], 'relation "referral" does not exist')
    assertContains(builds[6], '42P01')
    assert builds[6].readLines().any { it =~ /004_referral_notes/ && it =~ /line 2\b/ } : builds[6]

    // 8: validate refuses a database whose latest attempt failed.
    assertContains(builds[7], 'BUILD FAILURE')
    assertLine(builds[7], '[INFO] hotgigs: 3 applied, 0 pending, 1 failed; schema at 003; validation failed with 1 problem')
    assert builds[7].readLines().any { it =~ /004_referral_notes/ && it =~ /(?i)fail/ } : builds[7]

    // Each failure is the plugin's message, not a stack trace.
    [2, 3, 4, 6, 7].each { assertNoStackTrace(builds[it]) }

    // Validation wrote nothing: the history is the three migrations and the one failed attempt.
    def catalog = InvokerDatabase.catalog(database)
    def history = catalog.history()
    assert history*.version == ['001', '002', '003', '004'] : history
    assert history*.success == [true, true, true, false] : history
    assert history[2].checksum() == applied
    assert history[3].error().contains('004_referral_notes') && history[3].error().contains('relation "referral" does not exist')
    assert !catalog.count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'referrals' AND column_name = 'notes'")
    assert catalog.advisoryLocks() == 0

    // The JUnit reports of the last migrate (7) and validate (8): the failed attempt is a failed test case.
    def reports = new File(basedir, 'target/hotgigs-reports')
    def migrated = JUnitXmlReport.read(new File(reports, 'TEST-hotgigs.migrate.xml').toPath())
    assert [migrated.count('tests'), migrated.count('failures'), migrated.count('errors')] == [4, 1, 0]
    def notes = migrated.testCase('004_referral_notes')
    assert [notes.outcome(), notes.type(), notes.file(), notes.line()] == ['failure', 'SQLSTATE 42P01', 'db/broken/004_referral_notes.sql', '2'] : notes
    assert notes.message().contains('relation "referral" does not exist') : notes
    assert migrated.cases().findAll { it.outcome() == 'passed' }*.name() == ['001_initial_schema', '002_comprehensive_ats_system', '003_add_referrals'] : migrated.cases()
    def validated = JUnitXmlReport.read(new File(reports, 'TEST-hotgigs.validate.xml').toPath())
    assert validated.suite().getAttribute('name') == "hotgigs.validate.${database}".toString()
    assert [validated.count('tests'), validated.count('failures')] == [4, 1]
    def failedCase = validated.testCase('004_referral_notes')
    assert [failedCase.outcome(), failedCase.type()] == ['failure', 'FAILED'] : failedCase
    assert failedCase.message().contains('relation "referral" does not exist') : failedCase
} finally {
    InvokerDatabase.drop(database)
}
return true
