import com.hotgigs.migrate.it.StartedServer

// The migration failed, so the build ended before hotgigs:stop; Maven's exit stopped the server.
def log = new File(basedir, 'build.log').text
def server = StartedServer.in(log)

assert log.contains('001_broken')
assert log.contains('BUILD FAILURE')
assert !log.contains(':stop (stop-postgres)') : 'hotgigs:stop should not have run'
assert log.contains("${server.stoppedLine()} as Maven exited")
server.assertGone()
// On every Maven of the matrix, with verbose plugin validation: errors, but not a warning.
com.hotgigs.migrate.it.InvokerLog.assertNoWarnings(new File(basedir, 'build.log'))
true
