import static com.hotgigs.migrate.it.InvokerLog.*

def builds = invocations(new File(basedir, 'build.log'))
assert builds.size() == 2
def db = new File(basedir, 'db').absolutePath

// 1: after the merge, offline: both 005 files named, the manifest's conflict named, the fix given.
def merged = builds[0]
assertContains(merged, 'BUILD FAILURE')
assertNoStackTrace(merged)
assertContains(merged, 'Duplicate migration version (005): filesystem:db/005_add_location.sql and filesystem:db/005_add_salary.sql '
        + 'have the same version. Give one of them the next free version (two branches each added one: rename either) and run mvn hotgigs:manifest.')
assertContains(merged, "${db}/hotgigs.sum has merge-conflict markers")
assertLine(merged, "[INFO] hotgigs: checked the locations (their files could not all be read as migrations) against ${db}/hotgigs.sum in "
        + (merged =~ /read as migrations\) against \S+ in (\d+) ms/)[0][1] + ' ms: 2 problems')
// Nothing tried to reach the database at 127.0.0.1:9.
assertNotContains(merged, 'Connection refused')
assertNotContains(merged, '127.0.0.1:9')

// 2: the branch alone passes the same check.
def branch = builds[1]
assertContains(branch, 'BUILD SUCCESS')
assert branch.readLines().any { it ==~ /\[INFO\] hotgigs: checked 5 migrations against .*hotgigs\.sum in \d+ ms: no problems/ } : branch
return true
