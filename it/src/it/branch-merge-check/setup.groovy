import com.hotgigs.migrate.Migrator
import com.hotgigs.migrate.MigratorConfig

// Two developers branch from main, each adds a migration 005 and writes the manifest, as the README says.
def git = { String... args ->
    def process = (['git', '-c', 'user.name=dev', '-c', 'user.email=dev@example.com'] + args.toList()).execute(null, basedir)
    def out = new StringBuilder()
    process.waitForProcessOutput(out, out)
    return [process.exitValue(), out.toString()]
}
def db = new File(basedir, 'db')
def manifest = { ->
    new Migrator(MigratorConfig.builder().url('jdbc:postgresql://127.0.0.1:9/nowhere')
            .locations(['filesystem:' + db.path]).build()).writeManifest(new File(db, 'hotgigs.sum').toPath())
}
def write = { String name, String sql -> new File(db, name).text = sql }

assert git('init', '-q', '-b', 'main')[0] == 0
db.mkdirs()
write('001_jobs.sql', 'CREATE TABLE jobs (id bigint PRIMARY KEY, title text NOT NULL);\n')
write('002_candidates.sql', 'CREATE TABLE candidates (id bigint PRIMARY KEY, email text NOT NULL);\n')
write('003_applications.sql', 'CREATE TABLE applications (job_id bigint REFERENCES jobs, candidate_id bigint REFERENCES candidates);\n')
write('004_job_status.sql', "ALTER TABLE jobs ADD COLUMN status text NOT NULL DEFAULT 'open';\n")
manifest()
assert git('add', '-A')[0] == 0
assert git('commit', '-q', '-m', 'jobs, candidates, applications')[0] == 0

assert git('checkout', '-q', '-b', 'salary')[0] == 0
write('005_add_salary.sql', 'ALTER TABLE jobs ADD COLUMN salary numeric(12,2);\n')
manifest()
assert git('add', '-A')[0] == 0
assert git('commit', '-q', '-m', 'salary')[0] == 0

assert git('checkout', '-q', '-b', 'location', 'main')[0] == 0
write('005_add_location.sql', 'ALTER TABLE jobs ADD COLUMN location text;\n')
manifest()
assert git('add', '-A')[0] == 0
assert git('commit', '-q', '-m', 'location')[0] == 0

// The branch as its developer last checked it, for the second build.
def branch = new File(basedir, 'branch')
branch.mkdirs()
db.eachFile { file -> new File(branch, file.name).bytes = file.bytes }

assert git('checkout', '-q', 'main')[0] == 0
assert git('merge', '-q', 'salary')[0] == 0
def (merged, output) = git('merge', 'location', '-m', 'merge location')
assert merged != 0 : 'the two manifests conflict: ' + output
assert new File(db, 'hotgigs.sum').text.contains('<<<<<<<')
// The merge is committed as it stands, markers and all, as a hurried merge is.
assert git('add', '-A')[0] == 0
assert git('commit', '-q', '-m', 'merge location')[0] == 0
return true
