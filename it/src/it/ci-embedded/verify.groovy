import com.hotgigs.migrate.it.StartedServer

import static com.hotgigs.migrate.it.InvokerLog.*

def builds = invocations(new File(basedir, 'build.log'))
assert builds.size() == 1
def log = builds[0]
def lines = log.readLines()

def server = StartedServer.in(log)
assert server.version().startsWith('15.') : server
// Maven 3.8 heads an execution "--- hotgigs-migrate-maven-plugin:<version>:start (...)", 3.9 and 4 "--- hotgigs:<version>:start (...)".
def order = [/--- (hotgigs-migrate-maven-plugin|hotgigs):[^:]+:start \(/, /--- (hotgigs-migrate-maven-plugin|hotgigs):[^:]+:migrate \(/,
             /--- (maven-failsafe-plugin|failsafe):[^:]+:integration-test \(/, /--- (hotgigs-migrate-maven-plugin|hotgigs):[^:]+:stop \(/]
        .collect { goal -> lines.findIndexOf { it =~ goal } }
assert order.every { it >= 0 } && order == order.sort(false) : "start, migrate, tests, stop in this order:\n${log}"
assertLine(log, '[INFO] hotgigs: 2 applied, 0 pending, 0 failed; schema at 002')
assert lines.any { it ==~ /\[INFO\] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0.*PipelineIT/ } : log
assertContains(log, 'BUILD SUCCESS')
// On every Maven of the matrix, with verbose plugin validation: not a warning.
assertNoWarnings(new File(basedir, 'build.log'))

// The throwaway server is gone with its data.
assertLine(log, "[INFO] ${server.stoppedLine()}")
server.assertGone()

// start fetched the embedded library without its optional Flyway and Liquibase support and
// without a second JDBC driver: the plugin's own is the only one.
def jarsUnder = { String path ->
    def dir = new File(localRepositoryPath, path)
    def jars = []
    if (dir.exists()) {
        dir.eachFileRecurse { if (it.name.endsWith('.jar')) jars << it }
    }
    jars
}
assert jarsUnder('org/flywaydb').isEmpty() : jarsUnder('org/flywaydb')
assert jarsUnder('org/liquibase').isEmpty() : jarsUnder('org/liquibase')
def drivers = jarsUnder('org/postgresql/postgresql')*.parentFile*.name.unique()
assert drivers.size() == 1 : "JDBC driver versions fetched: ${drivers}"
return true
