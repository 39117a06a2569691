import com.hotgigs.migrate.it.StartedServer

// The integration test failed, the build failed, and the server was stopped by hotgigs:stop all the same.
def log = new File(basedir, 'build.log').text
def server = StartedServer.in(log)

assert log.contains('deliberate failure against')
assert log.contains(server.stoppedLine())
assert log.contains('BUILD FAILURE')
server.assertGone()
true
