// The integration test failed, the build failed, and the server was stopped by hotgigs:stop all the same.
def log = new File(basedir, 'build.log').text
def started = log =~ /Started PostgreSQL (1[2-9]\.\d+) at (jdbc:postgresql:\/\/localhost:(\d+)\/hotgigs_db) \(data in (.+)\)/
assert started.find() : 'no "Started PostgreSQL" line'
def (version, url, port, dataDirectory) = [started.group(1), started.group(2), started.group(3), started.group(4).trim()]

assert log.contains('deliberate failure against')
assert log.contains("Stopped PostgreSQL ${version} at ${url}")
assert log.contains('BUILD FAILURE')

assert !new File(dataDirectory).exists() : "data directory left behind: ${dataDirectory}"
def procs = new File('/proc')
if (procs.isDirectory()) {
    def leftovers = procs.listFiles().findAll { it.name ==~ /\d+/ }.findAll { p ->
        try { new File(p, 'cmdline').text.contains(dataDirectory) } catch (IOException ignored) { false }
    }
    assert leftovers.isEmpty() : "postgres still running on ${dataDirectory}: pids ${leftovers*.name}"
}
try {
    new Socket('localhost', port as int).close()
    assert false : "something still listens on port ${port}"
} catch (ConnectException expected) {
}
true
