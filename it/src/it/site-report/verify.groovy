import com.hotgigs.migrate.it.StartedServer

import static com.hotgigs.migrate.it.InvokerLog.*

def buildLog = new File(basedir, 'build.log')
def builds = invocations(buildLog)
assert builds.size() == 1
def log = builds[0]
assertContains(log, 'BUILD SUCCESS')
// The site takes site-report as the project's one report of the plugin.
assert log.readLines().any { it ==~ /\[INFO\] Configured 1 report for hotgigs-migrate-maven-plugin:.+: site-report/ } : log
// migrate's summary, then the report's, read back by the site's run of the goal.
assert log.readLines().count { it == '[INFO] hotgigs: 2 applied, 0 pending, 0 failed; schema at 002' } == 2 : log
def server = StartedServer.in(log)
assertLine(log, "[INFO] ${server.stoppedLine()}")
server.assertGone()
assertNoWarnings(buildLog)

def site = new File(basedir, 'target/site')
def page = new File(site, 'hotgigs-report.html')
assert page.isFile() : "mvn site made no hotgigs-report.html; it made: ${site.list()}"
def html = page.getText('UTF-8')
// The site's own page around the report: its skin, its menu.
assert html.contains('Rendered using Apache Maven Fluido Skin') : html
assert html.contains('<div class="hotgigs-report">') : html
// The history timeline: both HotGigs migrations, applied.
assert html.contains('<section class="history">') && html.contains('<ol class="timeline">') : html
['001_initial_schema', '002_comprehensive_ats_system'].each {
    assert html.contains("<span class=\"what\">${it}</span>") : "${it} missing from the timeline"
}
assert (html =~ /<li class="migration state-applied/).size() == 2 : html
// The schema diagram, inline SVG: HotGigs tables and the foreign keys between them.
assert html.contains('<svg xmlns="http://www.w3.org/2000/svg" class="schema-diagram"') : html
['candidates', 'jobs', 'applications', 'interviews', 'notifications', 'audit_log'].each {
    assert html.contains("data-table=\"public.${it}\"") : "table ${it} missing from the diagram"
}
assert !html.contains('data-table="public.schema_migrations"') : 'the history table is the tool\'s, not drawn'
assert html.contains('data-from="public.applications" data-to="public.candidates"') : 'applications -> candidates missing'
assert html.contains('data-from="public.applications" data-to="public.jobs"') : 'applications -> jobs missing'

// The site's Project Reports list the page by its name; no file of its own outside the site.
assert new File(site, 'index.html').isFile() : "no index.html in ${site.list()}"
def reports = new File(site, 'project-reports.html').getText('UTF-8')
assert reports.contains('<a href="hotgigs-report.html">Database migrations</a>') : reports
assert html.contains('<title>Database migrations') : 'the page is titled by the report\'s name'
assert !new File(basedir, 'target/hotgigs/report/index.html').exists() : 'in a site the report is a page of the site'
return true
