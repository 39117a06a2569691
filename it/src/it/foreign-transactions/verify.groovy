import com.hotgigs.migrate.it.InvokerDatabase
import groovy.json.JsonSlurper
import static com.hotgigs.migrate.it.InvokerLog.*

def database = context.get('database')
try {
    def builds = invocations(new File(basedir, 'build.log'))
    assert builds.size() == 2
    def migrate = builds[0]
    assertLine(migrate, '[INFO] Applying 001_accounts')
    assertLine(migrate, '[INFO] Applying 002_posts as written (its own transaction blocks; not atomic with its history row, written after its last statement)')
    assertLine(migrate, '[INFO] Applying 003_accounts_email without a transaction (each statement on its own; not atomic with its history row, written after its last statement)')
    assertLine(migrate, '[INFO] hotgigs: 3 applied, 0 pending, 0 failed; schema at 003')

    def status = builds[1]
    assert status.readLines().any { it ==~ /\[INFO\] 002 +posts +APPLIED .* as-written/ } : status
    def json = new JsonSlurper().parse(new File(basedir, 'target/status.json'))
    assert json.migrations.collect { it.transactionMode } == ['PER_MIGRATION', 'AS_WRITTEN', 'NONE'] : json

    def catalog = InvokerDatabase.catalog(database)
    assert catalog.successfulVersions() == ['001', '002', '003']
    assert catalog.count("SELECT count(*) FROM pg_index WHERE indexrelid = 'accounts_email'::regclass AND indisvalid") == 1
    assert catalog.count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'created_at'") == 1
} finally {
    InvokerDatabase.drop(database)
}
return true
