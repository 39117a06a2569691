import com.hotgigs.migrate.it.StartedServer

// The build migrated and tested against an embedded PostgreSQL 18, then stopped it without a trace.
def log = new File(basedir, 'build.log').text
def server = StartedServer.in(log)

assert server.version().startsWith('18.') : server
assert log.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0")
assert log.contains(server.stoppedLine())
assert log.indexOf('Started PostgreSQL') < log.indexOf('MigratedSchemaIT')
assert log.indexOf('MigratedSchemaIT') < log.indexOf('Stopped PostgreSQL')
server.assertGone()
true
