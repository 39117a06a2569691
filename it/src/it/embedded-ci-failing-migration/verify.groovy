// The migration failed, so the build ended before hotgigs:stop; Maven's exit stopped the server.
def log = new File(basedir, 'build.log').text
def started = log =~ /Started PostgreSQL (1[2-9]\.\d+) at (jdbc:postgresql:\/\/localhost:(\d+)\/hotgigs_db) \(data in (.+)\)/
assert started.find() : 'no "Started PostgreSQL" line'
def (version, url, port, dataDirectory) = [started.group(1), started.group(2), started.group(3), started.group(4).trim()]

assert log.contains('001_broken')
assert log.contains('BUILD FAILURE')
assert !log.contains(':stop (stop-postgres)') : 'hotgigs:stop should not have run'
assert log.contains("Stopped PostgreSQL ${version} at ${url} as Maven exited")

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
